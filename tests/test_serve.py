"""`digest serve` as a browser and an editor meet it: pages, live reload, the error page, a clean stop.

Each test starts a real server on a free loopback port. Waiting for a rebuild means reading the
live-reload event stream, as an open browser tab does; every read has a timeout.
"""
from __future__ import annotations

import contextlib
import http.client
import os
import re
import select
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import watchfiles

from conftest import CONFIG, article, make_project, write_files
from generator.commands.cli import main
from generator.write.output import build_lock
from generator.commands.serve import (EVENTS, PreviewServer, Rebuilt, ServeOptions, host_allowed, is_loopback,
                                      source_filter, watched_folders)
from generator.load.config import load_config
from generator.core.errors import Problem

NOW = datetime(2025, 7, 1, tzinfo=timezone.utc)
TIMEOUT = 5.0
STOP_TIMEOUT = 30.0
"""How long Ctrl-C may take: ``stop()`` joins five threads for up to 5 s each, so a process that has not exited by
then hangs."""
DIGEST_CONFIG = "title: Test Digest\nbase_url: https://example.org/digest/\n"


@contextmanager
def serving(root: Path, on_request: Callable[[str], None] | None = None, locked: ExitStack | None = None,
            **options: Any) -> Iterator[tuple[PreviewServer, list[Rebuilt]]]:
    """A started server; with ``locked``, its preview folder's build lock is taken there first, as a build would."""
    outcomes: list[Rebuilt] = []
    server = PreviewServer(ServeOptions(root / "config.yaml", port=0, **options), lambda: NOW, outcomes.append,
                           on_request)
    if locked is not None:
        locked.enter_context(build_lock(server.target))
    server.start()
    try:
        yield server, outcomes
    finally:
        server.stop()


def get(port: int, path: str, host: str | None = None, address: str = "127.0.0.1") -> tuple[int, str, dict[str, str]]:
    """One request, redirects not followed: status, body, headers; ``host`` replaces the Host header."""
    conn = http.client.HTTPConnection(address, port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"Host": host} if host else {})
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
        assert '<h1 dir="auto">Judul lama</h1>' in body
        assert f'<link rel="canonical" href="http://127.0.0.1:{port}/digest/2025/06/a/">' in body
        assert 'new EventSource("/__digest__/events")' in body
        assert "EventSource" not in (server.target / "2025/06/a/index.html").read_text(), "never in the files on disk"

        events = Events(port)
        assert events.next_version() == 1
        source = tmp_path / "content/2025/06/a.md"
        source.write_text(article(title="Judul baru"))
        events.wait_until(lambda: '<h1 dir="auto">Judul baru</h1>' in get(port, page)[1])

        source.write_text(article(title="Judul baru", date="2025-13-45"))
        events.wait_until(lambda: get(port, page)[0] == 500)
        status, body, _ = get(port, page)
        assert "<h1>The site did not build</h1>" in body and "<p>1 error (errors in bold)." in body
        assert "<strong>content/2025/06/a.md:3: field &#x27;date&#x27;: &#x27;2025-13-45&#x27; is not a valid date" in body
        assert 'new EventSource("/__digest__/events")' in body, "the error page reloads by itself too"
        assert get(port, "/digest/style.css")[0] == 200, "files other than pages are still served"
        assert "Judul baru" in (server.target / "2025/06/a/index.html").read_text(), "the last good site stays"

        source.write_text(article(title="Judul diperbaiki"))
        events.wait_until(lambda: get(port, page)[0] == 200)
        assert '<h1 dir="auto">Judul diperbaiki</h1>' in get(port, page)[1]
        assert outcomes[0].ok and outcomes[-1].ok and any(not o.ok for o in outcomes)
        assert [p.path for o in outcomes if not o.ok for p in o.problems] == ["content/2025/06/a.md"]
    events.response.read()  # returns (rather than timing out) only because stopping closed the stream
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)


def test_an_edit_to_the_environments_file_rebuilds_the_preview(tmp_path: Path) -> None:
    """`digest serve -e staging` merges config.staging.yaml, but only config.yaml was watched: an edit to the
    staging file changed nothing until some other file did."""
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu")})
    write_files(tmp_path, {"config.staging.yaml": "title: Staging Satu\n"})
    with serving(tmp_path, environment="staging") as (server, _):
        port = server.port
        events = Events(port)
        events.next_version()
        assert "<title>Staging Satu</title>" in get(port, "/")[1]
        write_files(tmp_path, {"config.staging.yaml": "title: Staging Dua\n"})
        events.wait_until(lambda: "<title>Staging Dua</title>" in get(port, "/")[1])


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
    write_files(tmp_path, {"static/日本/x.txt": "hi"})  # a folder named in another script: it had no answer at all
    with serving(tmp_path) as (server, _):
        port = server.port
        for path, status, location in (("/", 302, "/digest/"), ("/digest", 302, "/digest/"),
                                       ("/digest/2025/06/a", 301, "/digest/2025/06/a/"),
                                       ("/digest/%E6%97%A5%E6%9C%AC", 301, "/digest/%E6%97%A5%E6%9C%AC/")):
            answer = get(port, path)
            assert (answer[0], answer[2]["location"]) == (status, location)
        status, body, _ = get(port, "/digest/tidak-ada/")
        assert status == 404 and "<h1>Halaman tidak ditemukan</h1>" in body and "EventSource" in body
        assert get(port, "/other/")[:2] == (404, "not found: the site is served under /digest/\n")
        assert get(port, "/digest/../config.yaml")[0] == 404
        assert get(port, "/digest/.news-digest")[0] == 404  # the writer's marker, as on the host (it was 200)
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
    proc = serve_in_a_terminal(tmp_path)
    try:
        lines = read_lines(proc, until="serving ")
        assert lines[0].startswith("built 1 article in ")
        url = lines[-1].removeprefix("serving ").removesuffix(" (Ctrl-C to stop)")
        port = int(url.split(":")[2].split("/")[0])
        assert url == f"http://127.0.0.1:{port}/"
        assert get(port, "/2025/06/a/")[0] == 200
        out, err = ctrl_c(proc)
    finally:
        proc.kill()
        proc.wait()
    assert (proc.returncode, out, err) == (0, "stopped\n", "")


def test_ctrl_c_before_the_preview_is_served_stops_it_as_any_other_ctrl_c(tmp_path: Path) -> None:
    # Ctrl-C just after the first build (while the watchers start, before "serving" is printed) said
    # "interrupted" and exited 130, leaving the --port 0 preview folder behind; it stops the preview as usual
    make_project(tmp_path, {"a.md": article()})
    proc = serve_in_a_terminal(tmp_path)
    try:
        lines = read_lines(proc, until="built ")
        out, err = ctrl_c(proc)
    finally:
        proc.kill()
        proc.wait()
    assert (proc.returncode, err) == (0, "")
    assert out.endswith("stopped\n")
    assert lines[0].startswith("built 1 article in ")
    assert list((tmp_path / ".cache" / "serve").iterdir()) == []


def serve_in_a_terminal(project: Path) -> subprocess.Popen[str]:
    """`digest serve --port 0` in ``project``, as typed in a terminal (``in_a_terminal``)."""
    return subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"},
                            preexec_fn=in_a_terminal)


def in_a_terminal() -> None:
    """Run in the server's process before it starts: Ctrl-C's SIGINT at its default, as a terminal's foreground
    command has it. A shell without job control starts a background command (``make test &``) with SIGINT
    ignored, the server inherits that, and Python then never raises KeyboardInterrupt: the server rightly
    keeps running, as the shell asked, and the Ctrl-C tests hung in such runs."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def pipe_holders(proc: subprocess.Popen[str]) -> list[int]:
    """The processes (other than this one) holding ``proc``'s stdout pipe open."""
    assert proc.stdout is not None
    inode = os.fstat(proc.stdout.fileno()).st_ino
    holders = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            links = [os.readlink(fd) for fd in (entry / "fd").iterdir()]
        except OSError:
            continue
        if f"pipe:[{inode}]" in links:
            holders.append(int(entry.name))
    return holders


def ctrl_c(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """Press Ctrl-C and wait for the process to stop; stdout and stderr. If it has not stopped (or something it
    started still holds its output) within STOP_TIMEOUT, fail with who is left and, from faulthandler, where each
    Python thread was."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.communicate(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        pass
    exited = proc.poll()
    holders = pipe_holders(proc) if sys.platform == "linux" else []
    states = {}
    for pid in holders:
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text().splitlines()
            states[pid] = [line for line in status if line.startswith(("State", "PPid", "Threads"))]
            states[pid].append(Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " "))
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGABRT)  # faulthandler writes every thread's stack to stderr
    try:
        out, err = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        out, err = "", "(nothing more)"
    raise AssertionError(f"not stopped {STOP_TIMEOUT} s after Ctrl-C; exit status {exited}; the pipe's holders "
                         f"{states}\nstdout: {out}\nstderr: {err}")


def read_lines(proc: subprocess.Popen[str], until: str, timeout: float = TIMEOUT) -> list[str]:
    """Lines of the process's stdout up to one starting with ``until``, within ``timeout`` seconds."""
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while not (lines and lines[-1].startswith(until)):
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                raise AssertionError(f"no line starting with {until!r} within {timeout} s; got {lines}")
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"the process ended; got {lines}, stderr {proc.stderr.read() if proc.stderr else ''}")
            lines.append(line.rstrip("\n"))
    return lines


def raw_request(port: int, request: bytes, address: str = "127.0.0.1") -> bytes:
    """Send ``request`` on a plain socket and read until the server closes it (within TIMEOUT)."""
    with socket.create_connection((address, port), timeout=TIMEOUT) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: bytes and mtime, to show that nothing touched it."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_serve_never_writes_site_so_a_build_after_it_has_no_local_links(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()}, config=DIGEST_CONFIG)
    with serving(tmp_path) as (server, _):
        assert f'href="http://127.0.0.1:{server.port}/digest/2025/06/a/"' in get(server.port, "/digest/2025/06/a/")[1]
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob(".site*")), "serve made nothing beside site/"

    config = str(tmp_path / "config.yaml")
    assert main(["build", "--quiet", "--config", config]) == 0
    built = tree(tmp_path / "site")
    assert not [path for path, (data, _) in built.items() if b"127.0.0.1" in data]
    assert b"https://example.org/digest/2025/06/a/" in built["2025/06/a/index.html"][0]

    with serving(tmp_path) as (server, _):  # a second session: it must leave the built site alone
        assert get(server.port, "/digest/2025/06/a/")[0] == 200
    assert tree(tmp_path / "site") == built
    capsys.readouterr()
    assert main(["build", "--config", config]) == 0
    assert capsys.readouterr().out.startswith("up to date: "), "serve keeps its own cache, so the build's still holds"
    assert tree(tmp_path / "site") == built


def test_two_previews_of_one_project_keep_their_own_pages(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(), "2025/06/d.md": article(title="D", draft="true")})
    with serving(tmp_path) as (plain, _), serving(tmp_path, drafts=True) as (drafts, _):
        for server, draft_status in ((plain, 404), (drafts, 200), (plain, 404)):
            assert f'href="http://127.0.0.1:{server.port}/2025/06/a/"' in get(server.port, "/2025/06/a/")[1]
            assert get(server.port, "/2025/06/d/")[0] == draft_status
    assert plain.target.parent != drafts.target.parent


def test_two_previews_on_one_port_of_two_loopback_addresses_keep_their_own_pages(tmp_path: Path) -> None:
    """A maintainer's report: `digest serve` and `digest serve --bind 127.0.0.2` on the same port shared
    .cache/serve/PORT/: each build replaced the other's pages, so http://127.0.0.1:PORT/ served links to
    http://127.0.0.2:PORT/ (the other preview, perhaps with drafts), and every edit rebuilt both from scratch."""
    make_project(tmp_path, {"2025/06/a.md": article()})
    with serving(tmp_path) as (first, _):
        second = PreviewServer(ServeOptions(tmp_path / "config.yaml", bind="127.0.0.2", port=first.port), lambda: NOW,
                               lambda rebuilt: None)
        second.start()
        try:
            assert f'href="http://127.0.0.2:{first.port}/2025/06/a/"' in get(first.port, "/2025/06/a/",
                                                                            address="127.0.0.2")[1]
            assert f'href="http://127.0.0.1:{first.port}/2025/06/a/"' in get(first.port, "/2025/06/a/")[1]
        finally:
            second.stop()
    assert second.cache_dir == tmp_path / f".cache/serve/127.0.0.2-{first.port}"


def test_a_cache_folder_that_is_a_file_is_shown_on_the_page(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    write_files(tmp_path, {".cache": "not a folder\n"})
    with serving(tmp_path) as (server, outcomes):
        message = f".cache/serve/{server.port}: cannot build the preview: Not a directory"
        assert [str(p) for p in outcomes[0].problems] == [message] and not outcomes[0].crash
        status, body, _ = get(server.port, "/2025/06/a/")
        assert status == 500 and message in body


def test_a_path_segment_too_long_for_the_file_system_is_not_found(tmp_path: Path,
                                                                  capfd: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()}, config=DIGEST_CONFIG)
    with serving(tmp_path) as (server, _):
        for path in ("/digest/" + "a" * 300, "/digest/2025/" + "b" * 256 + "/", "/digest/" + "c/" * 3000):
            assert get(server.port, path)[0] == 404, path[:40]
        assert get(server.port, "/digest/2025/06/a/")[0] == 200
    assert capfd.readouterr().err == ""


def test_idle_half_open_and_vanishing_clients_neither_hold_the_server_nor_print_tracebacks(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    write_files(tmp_path, {"static/big.bin": bytes(8 << 20)})  # far more than the socket buffers hold
    log: list[str] = []
    with serving(tmp_path, on_request=log.append, timeout=0.5) as (server, _):
        idle = [socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) for _ in range(200)]
        idle[0].sendall(b"GET /2025/06/a/ HTTP/1.1\r\nHost: 127.0.0.1")  # half a request, never finished
        try:
            assert get(server.port, "/2025/06/a/")[0] == 200

            with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as leaving:
                leaving.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                leaving.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
                assert leaving.recv(1024).startswith(b"HTTP/1.0 200")
                leaving.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            deadline = time.monotonic() + TIMEOUT
            while not any("connection ended" in line for line in log) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert any("connection ended" in line for line in log), "the server noticed the client leave"
            assert get(server.port, "/2025/06/a/")[0] == 200

            for sock in idle:  # the server closes each one after its timeout
                try:
                    assert sock.recv(1) == b""
                except ConnectionResetError:
                    pass
        finally:
            for sock in idle:
                sock.close()
        assert sum("timed out" in line for line in log) >= 200
    assert capfd.readouterr().err == ""


def test_a_client_that_drips_its_request_is_cut_off_at_the_deadline(tmp_path: Path,
                                                                    capfd: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    with serving(tmp_path, timeout=0.5) as (server, _):
        with socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT) as drip:
            drip.sendall(b"GET /2025/06/a/ HTTP/1.0\r\n")
            closed = False
            try:
                for _ in range(40):  # one header byte every 0.1 s: each read is quick, the whole head is not
                    if select.select([drip], [], [], 0.1)[0]:
                        closed = drip.recv(1) == b""
                        break
                    drip.sendall(b"X")
            except (BrokenPipeError, ConnectionResetError):  # closed while a byte was on its way
                closed = True
            assert closed, "the server closed the connection within 4 s"
        assert get(server.port, "/2025/06/a/")[0] == 200
    assert capfd.readouterr().err == ""


def test_head_sends_headers_only_even_on_the_reload_stream(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    with serving(tmp_path) as (server, _):
        host = f"Host: 127.0.0.1:{server.port}\r\n\r\n".encode()
        answer = raw_request(server.port, b"HEAD /__digest__/events HTTP/1.0\r\n" + host)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 200") and b"Content-Type: text/event-stream" in head and body == b""

        page = get(server.port, "/2025/06/a/")[1].encode()
        for path, status in (("/2025/06/a/", b"200"), ("/tidak-ada/", b"404"), ("/2025/06/a", b"301")):
            head, _, body = raw_request(server.port, f"HEAD {path} HTTP/1.0\r\n".encode() + host).partition(b"\r\n\r\n")
            assert head.split(b" ")[1] == status and body == b"", path
        assert f"Content-Length: {len(page)}".encode() in raw_request(server.port, b"HEAD /2025/06/a/ HTTP/1.0\r\n" + host)


@pytest.mark.parametrize("host, bind, allowed", [
    ("localhost:{port}", "127.0.0.1", True), ("127.0.0.1:{port}", "127.0.0.1", True), ("[::1]:{port}", "127.0.0.1", True),
    ("127.0.0.2:{port}", "127.0.0.2", True), ("LOCALHOST:{port}", "127.0.0.1", True), (None, "127.0.0.1", True),
    ("mybox.local:{port}", "127.0.0.1", True), ("192.168.1.5:{port}", "0.0.0.0", True),
    ("evil.example:{port}", "127.0.0.1", False), ("evil.example:{port}", "0.0.0.0", False),
    ("localhost:1", "127.0.0.1", False), ("localhost", "127.0.0.1", False), ("192.168.1.5:{port}", "127.0.0.1", False),
    ("mybox.local.evil.example:{port}", "127.0.0.1", False), ("127.0.0.1:{port}@evil.example", "127.0.0.1", False),
    ("", "127.0.0.1", False), ("::1:{port}", "127.0.0.1", False),
])
def test_host_header_must_name_this_server(host: str | None, bind: str, allowed: bool) -> None:
    port = 8123
    assert host_allowed(host.format(port=port) if host is not None else None, port, bind,
                        frozenset({"mybox.local"})) is allowed


def test_a_foreign_host_header_is_refused_unless_allowed(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Rahasia", draft="true")})
    with serving(tmp_path, drafts=True) as (server, _):
        port = server.port
        status, body, _ = get(port, "/2025/06/a/", host=f"rebind.evil.example:{port}")
        assert status == 403 and "Rahasia" not in body
        assert body == (f"digest serve does not answer to the host 'rebind.evil.example:{port}', so that other sites "
                        f"cannot read the preview (DNS rebinding); open http://127.0.0.1:{port}/ or restart with "
                        "--allow-host rebind.evil.example\n")
        assert get(port, EVENTS, host=f"rebind.evil.example:{port}")[0] == 403
        assert get(port, "/2025/06/a/", host=f"localhost:{port}")[0] == 200
    with serving(tmp_path, drafts=True, allowed_hosts=("Rebind.Evil.Example",)) as (server, _):
        assert "Rahasia" in get(server.port, "/2025/06/a/", host=f"rebind.evil.example:{server.port}")[1]


def test_a_bad_allow_host_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    code = main(["serve", "--config", str(tmp_path / "config.yaml"), "--port", "0", "--allow-host", "mybox.local:8000"])
    assert (code, capsys.readouterr().err) == (2, "error: --allow-host 'mybox.local:8000': give a host name such as "
                                                  "mybox.local, without scheme, port or path\n")


def test_a_rebuild_refused_by_the_lock_waits_says_why_and_goes_through(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu")})
    with ExitStack() as held, serving(tmp_path, locked=held) as (server, outcomes):
        port = server.port
        assert [o.busy for o in outcomes] == [True]
        status, body, headers = get(port, "/2025/06/a/")
        assert status == 503 and "<h1>Waiting for another build to finish</h1>" in body
        assert (f".cache/serve/{port}/site: another digest build is writing this folder; the preview builds as "
                "soon as it has finished") in body
        assert 'new EventSource("/__digest__/events")' in body
        events = Events(port)
        events.next_version()
        time.sleep(1.0)  # long enough for a few retries, which are not reported again
        assert [o.busy for o in outcomes] == [True]
        held.close()
        events.wait_until(lambda: '<h1 dir="auto">Satu</h1>' in get(port, "/2025/06/a/")[1])
        assert [(o.busy, o.ok) for o in outcomes] == [(True, False), (False, True)]


@pytest.mark.parametrize("bind, loopback", [("127.0.0.1", True), ("127.0.0.2", True), ("127.255.0.9", True),
                                            ("::1", True), ("localhost", True), ("127.1", True), ("0x7f.1", True), ("::ffff:127.0.0.1", True),
                                            ("0.0.0.0", False), ("::", False), ("0", False), ("10.1", False), ("::ffff:10.0.0.1", False),
                                            ("192.168.1.5", False), ("mybox.local", False)])
def test_every_loopback_address_counts_as_loopback(bind: str, loopback: bool) -> None:
    assert is_loopback(bind) is loopback


def loopback_names_in_etc_hosts() -> list[str]:
    """Host names that /etc/hosts maps to IPv4 loopback addresses only (Debian's own host name on 127.0.1.1,
    ``localhost``, a container's name); looked up in the file, no network needed."""
    addresses: dict[str, set[str]] = {}
    with contextlib.suppress(OSError):
        for line in Path("/etc/hosts").read_text().splitlines():
            ip, *names = line.partition("#")[0].split() or [""]
            for name in names:
                addresses.setdefault(name, set()).add(ip)
    return sorted(name for name, ips in addresses.items()
                  if name != "localhost" and all(":" not in ip and is_loopback(ip) for ip in ips))


@pytest.mark.parametrize("name", ["localhost", "LocalHost", *loopback_names_in_etc_hosts()])
def test_a_host_name_of_loopback_addresses_does_not_warn(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """A maintainer's report: `--bind vm` (in /etc/hosts as 127.0.0.1) warned 'other computers can see this
    preview'; a name is looked up, and only an address of another network warns."""
    make_project(tmp_path, {"a.md": article()})
    monkeypatch.setattr(PreviewServer, "wait", lambda self: (_ for _ in ()).throw(KeyboardInterrupt))
    assert main(["serve", "--config", str(tmp_path / "config.yaml"), "--bind", name, "--port", "0", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("name", loopback_names_in_etc_hosts())
def test_a_host_name_warns_by_the_address_the_preview_listens_on(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """An attacker's name with a loopback and a network address warned 'other computers can see this preview',
    while the server listened on the loopback one alone (the first the system gives): the warning asks of that."""
    real = socket.getaddrinfo

    def with_a_network_address(host: object, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        found = real(host, *args, **kwargs)  # type: ignore[arg-type]
        return [*found, *([(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.0.2.2", 0))] if host == name else [])]

    make_project(tmp_path, {"a.md": article()})
    monkeypatch.setattr(socket, "getaddrinfo", with_a_network_address)
    monkeypatch.setattr(PreviewServer, "wait", lambda self: (_ for _ in ()).throw(KeyboardInterrupt))
    assert main(["serve", "--config", str(tmp_path / "config.yaml"), "--bind", name, "--port", "0", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("bind", ["ip6-only.test", "::1", "[::1]"])  # '[::1]', as serve prints it, was refused
def test_a_host_name_with_only_ipv6_addresses_is_served_on_one_and_named_by_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, bind: str) -> None:
    """'--bind ip6-localhost' (::1 alone in /etc/hosts) was looked up as IPv4: refused where the name has no IPv4
    address, and where glibc reads ::1 as 127.0.0.1, served there under a URL that browsers take to ::1."""
    real = socket.getaddrinfo

    def ipv6_only(host: object, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        if host == "ip6-only.test":
            return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", ("::1", 0, 0, 0))]
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    answers: list[tuple[int, str]] = []

    def browse(self: PreviewServer) -> None:
        for host in (f"[::1]:{self.port}", f"{bind}:{self.port}" if ":" not in bind else None):
            status, body, _ = get(self.port, "/2025/06/a/", host=host, address="::1")
            answers.append((status, f"http://[::1]:{self.port}/2025/06/a/" in body))
        raise KeyboardInterrupt

    make_project(tmp_path, {"2025/06/a.md": article()})
    monkeypatch.setattr(socket, "getaddrinfo", ipv6_only)
    monkeypatch.setattr(PreviewServer, "wait", browse)
    assert main(["serve", "--config", str(tmp_path / "config.yaml"), "--bind", bind, "--port", "0"]) == 0
    out, err = capsys.readouterr()
    port = re.search(r"^serving http://\[::1\]:(\d+)/ \(Ctrl-C to stop\)$", out, re.M)
    assert port and err == "" and answers == [(200, True), (200, True)]


@pytest.mark.parametrize("bind, bound", [("0.0.0.0", "0.0.0.0"), ("", "0.0.0.0"), ("0", "0.0.0.0"),
                                         ("0x0", "0.0.0.0"), ("::", "::"), ("[::]", "::")])
def test_the_command_on_every_address_warns_naming_the_address_and_port_it_listens_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, bind: str, bound: str) -> None:
    """The warning echoed --bind as typed: 'listening on 0x0', 'listening on [::]', and for '::' 'listening on :::'.
    It names the address the system bound, and the port (--port 0 takes any)."""
    make_project(tmp_path, {"a.md": article()})
    ports: list[int] = []

    def stop(self: PreviewServer) -> None:
        ports.append(self.port)
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "wait", stop)
    assert main(["serve", "--config", str(tmp_path / "config.yaml"), "--bind", bind, "--port", "0", "--quiet"]) == 0
    assert capsys.readouterr().err == (f"warning: listening on {bound} port {ports[0]}: other computers can see this "
                                       f"preview\n")


@pytest.mark.parametrize("bind, address", [("0", "127.0.0.1"), ("0x0", "127.0.0.1"), ("0::0", "::1"), ("[0:0::0]", "::1")])
def test_every_interface_in_a_short_form_is_served_as_every_interface(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, bind: str,
        address: str) -> None:
    """An attacker's report: '--bind 0' printed 'serving http://0:8740/', which Chromium opens as 0.0.0.0 and got
    a 403 whose advice named the same URL; other computers' requests were refused too, and http://0:8740/ was
    the pages' canonical link. '--bind 0::0' the same. Only '0.0.0.0' and '::' were taken for every interface."""
    make_project(tmp_path, {"2025/06/a.md": article()})
    answers: list[tuple[int, bool]] = []

    def browse(self: PreviewServer) -> None:
        for host in ("0.0.0.0", "192.0.2.7", "[::]", "localhost"):  # Chromium's reading of '0'; a LAN address
            status, body, _ = get(self.port, "/2025/06/a/", host=f"{host}:{self.port}", address=address)
            answers.append((status, f'<link rel="canonical" href="http://localhost:{self.port}/2025/06/a/">' in body))
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "wait", browse)
    assert main(["serve", "--config", str(tmp_path / "config.yaml"), "--bind", bind, "--port", "0"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^serving http://localhost:\d+/ \(Ctrl-C to stop\)$", out, re.M), out
    assert answers == [(200, True)] * 4


def test_the_command_on_127_0_0_2_does_not_warn_and_says_why_it_waits(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    with socket.socket() as probe:  # a free port, to know the preview folder before the server starts
        probe.bind(("127.0.0.2", 0))
        port = probe.getsockname()[1]
    with ExitStack() as held:
        held.enter_context(build_lock(tmp_path / f".cache/serve/127.0.0.2-{port}/site"))
        proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--bind", "127.0.0.2", "--port", str(port)],
                                cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"},
                                preexec_fn=in_a_terminal)
        try:
            assert read_lines(proc, until="serving ")[-1] == f"serving http://127.0.0.2:{port}/ (Ctrl-C to stop)"
            assert get(port, "/2025/06/a/", address="127.0.0.2")[0] == 503
            held.close()
            # the next retry comes within 4 s, then a cold build: allow for a busy machine
            assert read_lines(proc, until="built ", timeout=4 * TIMEOUT)[-1].startswith("built 1 article in ")
            assert get(port, "/2025/06/a/", address="127.0.0.2")[0] == 200
            out, err = ctrl_c(proc)
        finally:
            proc.kill()
            proc.wait()
    assert (proc.returncode, out, err) == (0, "stopped\n", f"waiting: .cache/serve/127.0.0.2-{port}/site: another digest "
                                           "build is "
                                           "writing this folder; the preview builds as soon as it has finished\n")


@pytest.mark.parametrize("bind", ["nonexistent.invalid", "192.0.2.1"])
def test_an_address_that_is_not_this_computers_is_refused_with_the_right_hint(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], bind: str) -> None:
    """A name that does not resolve, or an address of no interface here (TEST-NET-1), is --bind's fault, not the
    port's: the hint said 'pass another --port'."""
    make_project(tmp_path, {"a.md": article()})
    code = main(["serve", "--config", str(tmp_path / "config.yaml"), "--bind", bind, "--port", "0", "--quiet"])
    assert code == 2
    said = capsys.readouterr().err.splitlines()
    assert len(said) == 1  # no "other computers can see this preview" before a refusal
    err = said[0]
    assert err.startswith(f"error: cannot listen on {bind} port 0: ")
    assert err.endswith("; pass --bind an address of this computer, such as 127.0.0.1 (this computer only) or "
                        "0.0.0.0 (every network it is on)")


def test_an_address_with_a_zone_is_refused_saying_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'--bind fe80::1%eth0' (a link-local address, as 'ip addr' shows it with its interface) was refused with
    'Invalid argument' and the hint to pass an address of this computer, which it is."""
    make_project(tmp_path, {"a.md": article()})
    code = main(["serve", "--config", str(tmp_path / "config.yaml"), "--bind", "fe80::1%eth0", "--port", "0", "-q"])
    assert (code, capsys.readouterr().err) == (2, (
        "error: cannot listen on fe80::1%eth0: an address with a zone (%eth0) is not supported, as browsers open no "
        "URL with one; pass --bind :: (every IPv6 address of this computer, link-local ones too: other computers "
        "can see the preview)\n"))


def test_a_base_path_beyond_ascii_is_served_and_linked_encoded(tmp_path: Path) -> None:
    """base_url https://example.org/beritä/: links, the sitemap and the preview all use /berit%C3%A4/ (the
    sitemap had the raw 'ä', which a sitemap may not hold)."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A")},
                 config="title: T\nbase_url: https://example.org/beritä/\n")
    with serving(tmp_path) as (server, _):
        port = server.port
        assert get(port, "/")[2]["location"] == "/berit%C3%A4/"
        status, body, _ = get(port, "/berit%C3%A4/2025/06/a/")
        assert status == 200 and 'href="/berit%C3%A4/style.css"' in body
        assert get(port, "/berit%C3%A4/style.css")[0] == 200
        sitemap = (server.target / "sitemap.xml").read_text()
        assert f"<loc>http://127.0.0.1:{port}/berit%C3%A4/2025/06/a/</loc>" in sitemap and sitemap.isascii()


def test_the_error_page_puts_the_errors_first_and_in_bold() -> None:
    """An editor's report: one error among ten warnings was "11 problem(s)", buried mid-list with no mark."""
    from generator.commands.serve import Rebuilt, error_page
    from generator.core.errors import Problem
    problems = (Problem("content/a.md", 4, "companies", "'Googel' is not in content/companies.yaml", "warning"),
                Problem("content/b.md", 3, "date", "'2025-13-45' is not a valid date"),
                Problem("content/c.md", 2, "title", "holds <b>", "warning"))
    page = error_page(Rebuilt(False, 0, 0.1, problems, ())).decode()
    assert "<p>1 error, 2 warnings (errors in bold)." in page
    # a hint was counted as a warning
    hinted = (*problems, Problem("content/d.md", 5, "section", "section 'Acheh' has only this article", "hint"))
    assert "<p>1 error, 2 warnings, 1 hint (errors in bold)." in error_page(Rebuilt(False, 0, 0.1, hinted, ())).decode()
    body = page[page.index("<pre>") + 5:page.index("</pre>")].splitlines()
    assert body == ["<strong>content/b.md:3: field &#x27;date&#x27;: &#x27;2025-13-45&#x27; is not a valid date</strong>",
                    "content/a.md:4: field &#x27;companies&#x27;: warning: &#x27;Googel&#x27; is not in "
                    "content/companies.yaml",
                    "content/c.md:2: field &#x27;title&#x27;: warning: holds &lt;b&gt;"]


def test_a_file_named_in_another_encoding_does_not_stop_the_preview_for_good(tmp_path: Path) -> None:
    """One file whose name is not UTF-8 (made, then deleted at once) stopped watchfiles' thread ("Unable to decode
    path"): every later save was ignored, and the pages stayed stale without a word. The watch starts again, the
    build names the file, and an edit after it is shown."""
    make_project(tmp_path, {"2025/06/a.md": article(title="Judul lama")}, config=DIGEST_CONFIG)
    page = "/digest/2025/06/a/"
    with serving(tmp_path) as (server, outcomes):
        events = Events(server.port)
        events.next_version()
        for folder in (b"content", b""):  # a source folder's watch, then the project's own
            bad = os.fsencode(tmp_path) + (b"/" + folder if folder else b"") + b"/foto\xe9.md"
            open(bad, "wb").close()
            time.sleep(0.3)
            os.unlink(bad)
            title = f"Judul {folder.decode() or 'proyek'}"
            (tmp_path / "content/2025/06/a.md").write_text(article(title=title))
            events.wait_until(lambda: f"<h1 dir=\"auto\">{title}</h1>" in get(server.port, page)[1])


def test_a_save_right_after_the_build_for_a_name_in_another_encoding_is_not_missed(tmp_path: Path) -> None:
    """The build made when watchfiles stopped on a name that is not UTF-8 ran before the watch started again, so a
    save in between (during that build, or in the pause after it) was seen by neither: the page kept its old text
    until the next save. (A flaky test under load found it.) The watch starts again first, then builds."""
    make_project(tmp_path, {"2025/06/a.md": article(title="Judul lama")}, config=DIGEST_CONFIG)
    page = "/digest/2025/06/a/"
    with serving(tmp_path) as (server, outcomes):
        events = Events(server.port)
        events.next_version()
        original, saved = server.rebuild, []

        def rebuild(changed: tuple[str, ...] = (), timed: bool = False) -> Rebuilt:
            outcome = original(changed, timed)
            if not saved:  # the editor saves just as the build for the odd name ends
                saved.append((tmp_path / "content/2025/06/a.md").write_text(article(title="Judul baru")))
            return outcome

        server.rebuild = rebuild  # type: ignore[method-assign]
        bad = os.fsencode(tmp_path) + b"/content/foto\xe9.md"
        open(bad, "wb").close()
        os.unlink(bad)  # both events in one batch: the watch stops once
        events.wait_until(lambda: '<h1 dir="auto">Judul baru</h1>' in get(server.port, page)[1])


def test_a_preview_on_a_port_the_system_chose_leaves_no_folder_behind(tmp_path: Path) -> None:
    """A fault-finder's report: each `digest serve --port 0` left its whole preview (site, spare tree, cache) in
    .cache/serve/<port>/, which nothing removed: one more site on disk every run."""
    make_project(tmp_path, {"2025/06/a.md": article()})
    with serving(tmp_path) as (server, outcomes):
        assert outcomes[-1].ok and (server.cache_dir / "site/index.html").is_file()
        folder = server.cache_dir
    assert not folder.exists() and (tmp_path / ".cache/serve").is_dir()


def test_a_stray_preview_folder_is_refused_with_a_fix_serve_has(tmp_path: Path) -> None:
    """A fault-finder's report: with a folder of other files at .cache/serve/<port>/site, serve said "empty it or
    choose another --output", an option serve does not have."""
    from generator.core.errors import RefusalError
    make_project(tmp_path, {"2025/06/a.md": article()})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    write_files(tmp_path, {f".cache/serve/{port}/site/notes.txt": "not digest's"})
    with pytest.raises(RefusalError) as refused:
        PreviewServer(ServeOptions(tmp_path / "config.yaml", port=port), lambda: NOW, lambda _: None)
    assert str(refused.value) == (
        f"refusing to replace {tmp_path}/.cache/serve/{port}/site: it is not empty and was not made by digest (no "
        f".news-digest file in it); empty it or delete {tmp_path}/.cache/serve/{port} (a preview's folder, made "
        "again), or pass another --port")


def test_a_scheduled_article_appears_in_the_preview_when_it_falls_due(tmp_path: Path) -> None:
    """An editor scheduled an article for 10:00 with the preview open: at 10:01 it was still 404 (and the tags'
    counts stale) until some file was saved; the terminal never said an article was left out."""
    make_project(tmp_path, {"2025/06/a.md": article(), "2025/07/f.md": article(title="F", date="2025-07-01T10:00:00Z")})
    clock = [NOW]
    outcomes: list[Rebuilt] = []
    server = PreviewServer(ServeOptions(tmp_path / "config.yaml", port=0), lambda: clock[0], outcomes.append)
    server.start()
    try:
        assert get(server.port, "/2025/07/f/")[0] == 404
        assert (outcomes[-1].left_out, outcomes[-1].due) == ((0, 1), datetime(2025, 7, 1, 10, tzinfo=timezone.utc)
                                                             .timestamp())
        clock[0] = datetime(2025, 7, 1, 10, 0, 1, tzinfo=timezone.utc)
        deadline = time.monotonic() + 2 * TIMEOUT
        while (len(outcomes) < 2 or get(server.port, "/2025/07/f/")[0] != 200) and time.monotonic() < deadline:
            time.sleep(0.1)  # the outcome is reported just after the pages are served
        assert get(server.port, "/2025/07/f/")[0] == 200
        assert (outcomes[-1].timed, outcomes[-1].left_out, len(outcomes)) == (True, (0, 0), 2)
        time.sleep(1.5)  # and not again: nothing else is due
        assert len(outcomes) == 2
    finally:
        server.stop()


def test_a_deleted_config_is_shown_at_its_path(tmp_path: Path) -> None:
    """config.yaml deleted while the preview runs: a refusal now (a --config naming no file is exit 2), still shown
    as the problem at the config's path, not at the preview's folder."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A")})
    with serving(tmp_path) as (server, outcomes):
        events = Events(server.port)
        events.next_version()
        (tmp_path / "config.yaml").unlink()
        events.wait_until(lambda: get(server.port, "/2025/06/a/")[0] == 500)
        assert f"{tmp_path / 'config.yaml'}: not found; create it, or pass --config PATH" in get(server.port, "/")[1]
    assert outcomes[-1].problems == (Problem(str(tmp_path / "config.yaml"), 0, "",
                                             "not found; create it, or pass --config PATH"),)


@pytest.mark.parametrize("deleted", [".cache", ".cache/serve", ".cache/serve/{port}/site"])
def test_a_preview_folder_deleted_while_serving_is_built_again_once_by_the_next_requests(tmp_path: Path,
                                                                                        deleted: str) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Judul")})
    proc = serve_in_a_terminal(tmp_path)
    try:
        served = read_lines(proc, until="serving ", timeout=4 * TIMEOUT)[-1]
        port = int(re.findall(r":(\d+)/", served)[0])
        assert get(port, "/2025/06/a/")[0] == 200
        shutil.rmtree(tmp_path / deleted.format(port=port))  # `git clean -fdX`, or by hand: the README says harmless
        with ThreadPoolExecutor(4) as pool:  # tabs reloading at once: one build, and each waits for it
            answers = list(pool.map(lambda _: get(port, "/2025/06/a/"), range(4)))
        assert [status for status, _, _ in answers] == [200] * 4
        assert all('<h1 dir="auto">Judul</h1>' in body for _, body, _ in answers)
        assert get(port, "/style.css")[0] == 200
        out, err = ctrl_c(proc)
    finally:
        proc.kill()
        proc.wait()
    built = [line for line in out.splitlines() if line.startswith("built ")]  # the first build was before "serving"
    assert [re.sub(r"in \d+\.\d+ s", "in ... s", line) for line in built] == [
        "built 1 article in ... s as a page was asked for and the preview folder had been deleted"]
    assert (proc.returncode, err) == (0, "")


def test_a_video_can_seek_the_preview_answers_single_byte_ranges(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    clip = bytes(range(256)) * 4
    write_files(tmp_path, {"static/clip.mp4": ""})
    (tmp_path / "static/clip.mp4").write_bytes(clip)

    def ranged(port: int, header: str | None) -> tuple[int, bytes, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        try:
            conn.request("GET", "/clip.mp4", headers={"Range": header} if header else {})
            response = conn.getresponse()
            return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
        finally:
            conn.close()

    with serving(tmp_path) as (server, _):
        status, body, headers = ranged(server.port, None)
        assert (status, body, headers["accept-ranges"]) == (200, clip, "bytes")
        for asked, first, last in (("bytes=0-3", 0, 3), ("bytes=1000-", 1000, 1023), ("bytes=-24", 1000, 1023),
                                   ("bytes=1020-5000", 1020, 1023)):
            status, body, headers = ranged(server.port, asked)
            assert (status, body, headers["content-range"], headers["content-length"], headers["accept-ranges"]) == (
                206, clip[first:last + 1], f"bytes {first}-{last}/1024", str(last + 1 - first), "bytes"), asked
        for asked in ("bytes=1024-", "bytes=-0"):
            status, body, headers = ranged(server.port, asked)
            assert (status, body, headers["content-range"]) == (416, b"", "bytes */1024"), asked
        for asked in ("bytes=0-1,4-5", "bytes=5-2", "items=0-1"):  # not taken: the whole file, as RFC 9110 allows
            assert ranged(server.port, asked)[:2] == (200, clip), asked
        assert "accept-ranges" not in get(server.port, "/missing/")[2], "a page that is not there is no file"


def test_a_range_of_a_large_video_reads_only_that_range(tmp_path: Path) -> None:
    """A seek in a video of hundreds of MB reads the bytes asked, not the whole file, per request."""
    import tracemalloc

    make_project(tmp_path, {"2025/06/a.md": article()})
    write_files(tmp_path, {"static/film.mp4": ""})
    with open(tmp_path / "static/film.mp4", "r+b") as film:
        film.truncate(64 * 2**20)  # sparse: 64 MiB of zeros on no disk
        film.seek(32 * 2**20)
        film.write(b"seek")
    with serving(tmp_path) as (server, _):
        tracemalloc.start()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=TIMEOUT)
            conn.request("GET", "/film.mp4", headers={"Range": f"bytes={32 * 2**20}-{32 * 2**20 + 3}"})
            response = conn.getresponse()
            answer = response.status, response.read(), response.getheader("Content-Range")
            conn.close()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert answer == (206, b"seek", f"bytes {32 * 2**20}-{32 * 2**20 + 3}/{64 * 2**20}")
    assert peak < 4 * 2**20, f"{peak} bytes held to answer a 4-byte range"


def test_if_range_gets_the_range_only_while_the_file_is_the_one_named(tmp_path: Path) -> None:
    """RFC 9110 13.1.5: a range with ``If-Range`` is sent (206) only while its ETag or Last-Modified is the file's;
    otherwise, and for a weak ETag, the whole file (200), so a resumed download never mixes two versions."""
    make_project(tmp_path, {"2025/06/a.md": article()})
    clip = bytes(range(256)) * 4
    write_files(tmp_path, {"static/clip.mp4": ""})
    (tmp_path / "static/clip.mp4").write_bytes(clip)

    def ranged(port: int, headers: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        try:
            conn.request("GET", "/clip.mp4", headers=headers)
            response = conn.getresponse()
            return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
        finally:
            conn.close()

    with serving(tmp_path) as (server, _):
        whole = ranged(server.port, {})[2]
        etag, modified = whole["etag"], whole["last-modified"]
        assert etag.startswith('"') and etag.endswith('"')
        time.sleep(1.1)  # a Last-Modified is a strong validator once it is a second old (RFC 9110 8.8.2.2)
        for validator in (etag, modified):
            assert ranged(server.port, {"Range": "bytes=0-3", "If-Range": validator})[:2] == (206, clip[:4]), validator
        for validator in ('"another"', f"W/{etag}", "Mon, 30 Jun 2025 00:00:00 GMT", "not a date"):
            status, body, headers = ranged(server.port, {"Range": "bytes=0-3", "If-Range": validator})
            assert (status, body, "content-range" in headers) == (200, clip, False), validator
        page = get(server.port, "/")[2]
        assert "etag" not in page, "a page gets the reload script: its bytes are not the file's"


def test_hidden_folders_and_editor_files_in_the_sources_do_not_rebuild(tmp_path: Path) -> None:
    """A templates folder that is a clone with an editor's settings (``.vscode/``), Jujutsu's ``.jj/``, an Emacs
    autosave (``#article.html#``): no page uses them (``precompiled.left_out``), so saving them rebuilds nothing;
    a file a page uses still does, and ``static/.well-known/`` is published, so it does too."""
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu")})
    write_files(tmp_path, {"templates/.vscode/settings.json": "{}", "templates/.jj/repo/store": "",
                           "templates/.git/index": "", "static/.well-known/security.txt": "a\n"})
    with serving(tmp_path) as (server, outcomes):
        port = server.port
        events = Events(port)
        events.next_version()
        write_files(tmp_path, {"templates/.vscode/settings.json": '{"a": 1}', "templates/.jj/repo/store": "x",
                               "templates/.git/index": "x", "templates/#article.html#": "x",
                               "content/.#a.md": "x", "content/2025/06/.notes/todo.md": "x"})
        time.sleep(2.5)  # longer than watchfiles' 1.6 s debounce: a rebuild for them would have started
        write_files(tmp_path, {"static/.well-known/security.txt": "b\n"})
        events.wait_until(lambda: get(port, "/.well-known/security.txt")[1] == "b\n")
        write_files(tmp_path, {"content/2025/06/a.md": article(title="Dua")})
        events.wait_until(lambda: "Dua" in get(port, "/2025/06/a/")[1])
    assert [o.changed for o in outcomes] == [(), ("static/.well-known/security.txt",), ("content/2025/06/a.md",)]


def test_files_the_build_reads_by_names_a_templates_folder_leaves_out_rebuild(tmp_path: Path) -> None:
    """``#`` and ``~`` are a backup's or lock's marks in a templates folder only: a build publishes
    ``static/images/#Foto 2.png`` and ``static/notes.txt~``, and reads ``content/2025/06/#rekor.md`` as an article,
    so adding them while serving rebuilds the preview, which serves them."""
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu")})
    write_files(tmp_path, {"static/images/logo.png": "x"})
    with serving(tmp_path) as (server, _):
        port = server.port
        events = Events(port)
        events.next_version()
        write_files(tmp_path, {"static/images/#Foto 2.png": "foto", "static/notes.txt~": "catatan",
                               "content/2025/06/#rekor.md": article(title="Rekor")})
        events.wait_until(lambda: get(port, "/images/%23Foto%202.png")[:2] == (200, "foto")
                          and get(port, "/notes.txt~")[:2] == (200, "catatan")
                          and "Rekor" in get(port, "/")[1])


@pytest.mark.parametrize(("path", "rebuilds"), [
    ("static/images/#Foto 2.png", True), ("static/notes.txt~", True), ("static/node_modules/a.js", True),
    ("static/.well-known/security.txt", True), ("static/.DS_Store", False), ("static/.git/index", False),
    ("content/2025/06/#rekor.md", True), ("content/2025/06/.notes/todo.md", False), ("content/.#a.md", False),
    ("templates/#article.html#", False), ("templates/article.html~", False), ("templates/.vscode/settings.json", False),
    ("templates/_box.html", True),
    ("themes/mine/templates/#base.html#", False), ("themes/mine/static/#Foto 2.png", True),
    ("themes/mine/static/.DS_Store", False),
])
def test_each_watched_folder_follows_the_builds_rule_for_it(tmp_path: Path, path: str, rebuilds: bool) -> None:
    """The watcher leaves out what the build leaves out of that folder, no more: a templates folder's editor files,
    but only hidden entries of ``static/`` (but for ``.well-known/``) and ``content/``, as a theme's folders."""
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu")})
    write_files(tmp_path, {"static/logo.png": "x", "templates/_box.html": "x", "themes/mine/templates/base.html": "x",
                           "themes/mine/static/a.css": "x"})
    config = load_config(tmp_path / "config.yaml")
    relevant = source_filter(config, watched_folders(config))
    assert relevant(watchfiles.Change.added, str((tmp_path / path).resolve())) is rebuilds
