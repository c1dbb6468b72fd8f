"""``digest serve``: build, serve the output folder under the site's base path, rebuild on change.

Three kinds of thread share one ``PreviewServer``:

* the HTTP server (stdlib ``ThreadingHTTPServer``) serves the output folder. Every HTML page
  gets a small script that listens on ``/__digest__/events`` (server-sent events) and reloads
  the page when a new build is done. The script is added here, to the bytes being served, so
  it never reaches the files ``digest build`` writes;
* two watchers (``watchfiles``): one on the content, templates, static and theme folders, one
  on the project folder itself (not recursive) for ``config.yaml`` and for those folders
  appearing. A change rebuilds the site and bumps ``version``;
* the caller's thread, which waits for Ctrl-C and calls ``stop()``.

While the last build failed, every HTML page is replaced by a page listing the problems
(file:line), which reloads by itself once they are fixed. Nothing here prints: builds and
requests are reported through callbacks.
"""
from __future__ import annotations

import html
import mimetypes
import socket
import threading
import time
import traceback
from dataclasses import dataclass, replace
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

import watchfiles

from .models import BuildOptions
from .config import Config, load_config
from .errors import BuildError, Problem, RefusalError
from .publish import publish
from .theme import PACKAGE_THEMES

EVENTS = "/__digest__/events"
"""The live-reload stream; outside any base path, so it cannot clash with a page."""
RELOAD_SCRIPT = (
    '<script>/* digest serve: live reload */(function(){var v=null,s=new EventSource("' + EVENTS + '");'
    's.addEventListener("version",function(e){if(v!==null&&e.data!==v){location.reload()}v=e.data})})();'
    "</script>\n"
).encode()
HEARTBEAT = 15.0
"""Seconds between keep-alive comments on an idle event stream."""
WATCH_TICK_MS = 200
"""How often a watcher wakes to notice a stop or a change of watched folders."""


@dataclass(frozen=True)
class ServeOptions:
    """How ``digest serve`` runs."""

    config_path: Path
    bind: str = "127.0.0.1"
    """Address to listen on; loopback by default, so drafts are not shown to the network."""
    port: int = 8000
    """0 picks a free port (tests)."""
    drafts: bool = False
    future: bool = False
    allow_empty: bool = False
    """Publish a site with no articles even when the last build had some."""


@dataclass(frozen=True)
class Rebuilt:
    """The outcome of one build in the server."""

    ok: bool
    articles: int
    seconds: float
    problems: tuple[Problem, ...]
    """Every problem on failure; the warnings on success."""
    changed: tuple[str, ...] = ()
    """Files whose change caused the build, relative to the project where possible; () for the first."""
    crash: str = ""
    """Traceback of an unexpected exception (a bug), shown on the error page."""


def inject_reload(page: bytes) -> bytes:
    """Put the live-reload script before the last </body>, or at the end."""
    at = page.lower().rfind(b"</body>")
    return page + RELOAD_SCRIPT if at < 0 else page[:at] + RELOAD_SCRIPT + page[at:]


def error_page(outcome: Rebuilt) -> bytes:
    """The page shown instead of every HTML page while the build is broken."""
    lines = [str(p) for p in outcome.problems] + ([outcome.crash] if outcome.crash else [])
    items = "\n".join(html.escape(line) for line in lines)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Build failed · digest serve</title>\n"
        "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}"
        "h1{color:#b00020}pre{background:#fff4f4;border:1px solid #f3c0c0;padding:1rem;white-space:pre-wrap}</style>\n"
        "</head>\n<body>\n<h1>The site did not build</h1>\n"
        f"<p>{len(outcome.problems) or 1} problem(s). Fix them and save: this page reloads by itself.</p>\n"
        f"<pre>{items}</pre>\n</body>\n</html>\n"
    ).encode()


def local_base_url(bind: str, port: int, base_path: str) -> str:
    """The address the preview is reached at, keeping the site's base path."""
    host = "localhost" if bind in ("", "0.0.0.0", "::") else bind
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{base_path}"


def watched_folders(config: Config) -> tuple[Path, ...]:
    """The existing folders whose files make the site."""
    candidates = [config.path(config.content_dir), config.path(config.templates_dir), config.path(config.static_dir),
                  config.path("themes"), PACKAGE_THEMES / config.theme]
    return tuple(sorted({p.resolve() for p in candidates if p.is_dir()}))


def top_level_names(config: Config, config_name: str) -> frozenset[str]:
    """Entries of the project folder whose change (or creation) matters."""
    return frozenset({config_name, "themes"} | {PurePosixPath(name).parts[0] for name in
                                                 (config.content_dir, config.templates_dir, config.static_dir)})


class _HTTPServer(ThreadingHTTPServer):
    """One thread per connection (event streams stay open); daemon threads never block exit."""

    daemon_threads = True
    preview: PreviewServer


class _HTTPServer6(_HTTPServer):
    """For --bind with an IPv6 address such as ::1."""

    address_family = socket.AF_INET6


class PreviewServer:
    """The server, its watchers and the state of the last build."""

    def __init__(self, options: ServeOptions, now: Callable[[], datetime], on_build: Callable[[Rebuilt], None],
                 on_request: Callable[[str], None] | None = None) -> None:
        self.options, self.now, self.on_build, self.on_request = options, now, on_build, on_request
        self.config = load_config(options.config_path)
        self.target = self.config.path(self.config.output_dir)
        server_class = _HTTPServer6 if ":" in options.bind else _HTTPServer
        try:
            self.httpd = server_class((options.bind, options.port), _Handler)
        except OSError as e:
            raise RefusalError(f"cannot listen on {options.bind} port {options.port}: {e.strerror}; "
                               "pass another --port") from None
        self.httpd.preview = self
        self.port: int = self.httpd.server_address[1]
        self.version = 0
        self.status = Rebuilt(False, 0, 0.0, ())
        self._changed = threading.Condition()
        self._build_lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """The preview's home page, as printed for the editor to open."""
        return local_base_url(self.options.bind, self.port, self.config.base_path)

    def start(self) -> Rebuilt:
        """Build once, then serve and watch in background threads; returns the first build's outcome."""
        first = self.rebuild()
        ready = [threading.Event(), threading.Event()]
        self._threads = [
            threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="digest-http"),
            threading.Thread(target=self._watch_folders, args=(ready[0],), name="digest-watch"),
            threading.Thread(target=self._watch_project, args=(ready[1],), name="digest-watch-config"),
        ]
        for thread in self._threads:
            thread.daemon = True
            thread.start()
        for event in ready:
            event.wait(5)
        return first

    def stop(self) -> None:
        """Close event streams, stop the watchers and the HTTP server, and wait for their threads."""
        self._stopping.set()
        with self._changed:
            self._changed.notify_all()
        if self._threads:  # shutdown() waits for serve_forever(), so only once it has started
            self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def wait(self) -> None:
        """Block until stop() (or Ctrl-C in the calling thread)."""
        while not self._stopping.wait(0.5):
            pass

    # --- building --------------------------------------------------------------------------------

    def rebuild(self, changed: Iterable[str] = ()) -> Rebuilt:
        """Build with the local base URL and write the output folder; a failure becomes the error page.

        Unexpected exceptions are caught too: the build is marked failed and its traceback is shown
        on the error page and passed to ``on_build``, because one bad save must not end an editing
        session. Nothing is written after a failure, so no page is silently missing.
        """
        with self._build_lock:
            started = time.perf_counter()
            changed = tuple(changed)
            try:
                config = load_config(self.options.config_path)
                config = replace(config, base_url=local_base_url(self.options.bind, self.port, config.base_path))
                # one process: forking while the HTTP threads run could copy a held lock
                options = BuildOptions(self.options.drafts, self.options.future, self.now(), jobs=1)
                done = publish(config, options, self.target, allow_empty=self.options.allow_empty)
                self.config = config
                outcome = Rebuilt(True, done.articles, time.perf_counter() - started, done.warnings + done.late,
                                  changed)
            except BuildError as e:
                outcome = Rebuilt(False, 0, time.perf_counter() - started, e.problems, changed)
            except RefusalError as e:
                outcome = Rebuilt(False, 0, time.perf_counter() - started, (Problem(str(self.target), 0, "", str(e)),),
                                  changed)
            except Exception:  # a bug or a file vanishing mid-save: see the docstring
                outcome = Rebuilt(False, 0, time.perf_counter() - started, (), changed, traceback.format_exc())
            with self._changed:
                self.status = outcome
                self.version += 1
                self._changed.notify_all()
        self.on_build(outcome)
        return outcome

    def wait_for_change(self, seen: int, timeout: float) -> int | None:
        """The build version once it differs from ``seen`` (or after ``timeout``); None when stopping."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self._stopping.is_set(), timeout)
            return None if self._stopping.is_set() else self.version

    def _changed_files(self, changes: set[tuple[watchfiles.Change, str]]) -> tuple[str, ...]:
        """The changed files to name in messages: editors' short-lived temporary files left out."""
        paths = {Path(name) for _, name in changes}
        shown = {p for p in paths if p.exists()} or paths
        root = self.config.root
        return tuple(sorted(p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p) for p in shown))

    # --- watching --------------------------------------------------------------------------------

    def _watch_folders(self, ready: threading.Event) -> None:
        """Rebuild on changes under the source folders; start over when the set of folders changes."""
        while not self._stopping.is_set():
            folders = watched_folders(self.config)
            if not folders:
                ready.set()
                self._stopping.wait(WATCH_TICK_MS / 1000)
                continue
            for changes in watchfiles.watch(*folders, stop_event=self._stopping, rust_timeout=WATCH_TICK_MS,
                                            yield_on_timeout=True):
                ready.set()
                if changes:
                    self.rebuild(self._changed_files(changes))
                if watched_folders(self.config) != folders:
                    break

    def _watch_project(self, ready: threading.Event) -> None:
        """Rebuild when config.yaml changes, or when a source folder appears or goes."""
        root = self.config.root
        name = self.options.config_path.name

        def relevant(_: watchfiles.Change, path: str) -> bool:
            return Path(path).name in top_level_names(self.config, name)

        for changes in watchfiles.watch(root, watch_filter=relevant, recursive=False, stop_event=self._stopping,
                                        rust_timeout=WATCH_TICK_MS, yield_on_timeout=True):
            ready.set()
            if changes:
                self.rebuild(self._changed_files(changes))

    # --- serving ---------------------------------------------------------------------------------

    def locate(self, rel: str) -> tuple[Path | None, str | None]:
        """The file for a path below the base path, or a redirect (a folder without its '/')."""
        parts = PurePosixPath(rel).parts
        if "\x00" in rel or ".." in parts or rel.startswith("/"):
            return None, None
        candidate = self.target / rel
        if candidate.is_dir():
            if rel and not rel.endswith("/"):
                return None, self.config.base_path + rel + "/"
            candidate = candidate / "index.html"
        return (candidate if candidate.is_file() else None), None


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD for the preview: files, the error page while broken, and the event stream."""

    server: _HTTPServer
    server_version = "digest-serve"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Requests go to the caller's callback (--verbose), never straight to stderr."""
        if self.server.preview.on_request:
            self.server.preview.on_request(f"{self.address_string()} {format % args}")

    def _respond(self, send_body: bool) -> None:
        """Route a request: event stream, redirects into the base path, the error page, or a file."""
        preview = self.server.preview
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS:
            self._events()
            return
        base = preview.config.base_path
        if not path.startswith(base):
            if path in ("/", base.rstrip("/")):
                self._send(HTTPStatus.FOUND, b"", "text/plain", send_body, location=base)
            else:
                self._send(HTTPStatus.NOT_FOUND, f"not found: the site is served under {base}\n".encode(),
                           "text/plain; charset=utf-8", send_body)
            return
        file, redirect = preview.locate(path[len(base):])
        if redirect:
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", send_body, location=redirect)
            return
        status = preview.status
        is_page = file is None or file.suffix == ".html"
        if not status.ok and is_page:
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, inject_reload(error_page(status)), "text/html; charset=utf-8",
                       send_body)
            return
        code = HTTPStatus.OK
        if file is None:
            code, file = HTTPStatus.NOT_FOUND, preview.target / "404.html"
            if not file.is_file():
                self._send(code, b"not found\n", "text/plain; charset=utf-8", send_body)
                return
        data = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = inject_reload(data)
        if kind.startswith("text/") or kind.endswith("xml"):
            kind += "; charset=utf-8"
        self._send(code, data, kind, send_body)

    def _send(self, code: HTTPStatus, body: bytes, kind: str, send_body: bool, location: str = "") -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if location:
            self.send_header("Location", location)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the build version now, then each new one; ends when the server stops."""
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen: int | None = preview.version
        try:
            self.wfile.write(f"retry: 1000\nevent: version\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            while seen is not None:
                current = preview.wait_for_change(seen, HEARTBEAT)
                if current is None:
                    return
                self.wfile.write(b": ping\n\n" if current == seen else f"event: version\ndata: {current}\n\n".encode())
                self.wfile.flush()
                seen = current
        except (BrokenPipeError, ConnectionResetError):
            return
