"""``digest serve``: build, serve the output folder under the site's base path, rebuild on change.

Three kinds of thread share one ``PreviewServer``:

* the HTTP server (stdlib ``ThreadingHTTPServer``) serves the preview folder, ``.cache/serve/PORT/site``
  (never ``site/``, so local addresses can never be deployed; a request that finds it deleted builds it
  again first, once). Every HTML page gets a small script that listens on ``/__digest__/events``
  (server-sent events; one tab holds the stream for the others, see ``RELOAD_SCRIPT``) and reloads
  the page when a new build is done. The script is added here, to the bytes being served, so
  it never reaches the files ``digest build`` writes;
* two watchers (``watchfiles``): one on the content, templates, static and theme folders, one
  on the project folder itself (not recursive) for ``config.yaml`` and for those folders
  appearing. A change rebuilds the site and bumps ``version`` (not one to a file no build reads, ``source_filter``);
* a retry thread: while another build holds the preview folder's lock, it rebuilds again with
  growing pauses until the build goes through;
* the caller's thread, which waits for Ctrl-C and calls ``stop()``.

Every connection has a socket timeout, so idle or half-open connections cannot hold threads, and
a client that goes away mid-response ends its connection quietly. The Host header must name this
server (a loopback name, the bind address or an ``--allow-host`` name, with the right port), so a
page on another site that rebinds its DNS name to 127.0.0.1 cannot read the preview, drafts included.

While the last build failed, every HTML page is replaced by a page listing the problems
(file:line), which reloads by itself once they are fixed. Nothing here prints: builds and
requests are reported through callbacks.
"""
from __future__ import annotations

import errno
import html
import io
import ipaddress
import mimetypes
import os
import re
import shutil
import signal
import socket
import threading
import time
import traceback
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterable
from urllib.parse import quote, unquote, urlsplit

import watchfiles

from generator.load.layout import layout
from generator.core.models import BuildOptions
from generator.load.cache import CACHE_DIR
from generator.load.config import Config, environment_file, load_config
from generator.core.errors import (BuildError, BusyError, Problem, Refused, RefusalError, counted, printable,
                                   quoted)
from generator.write.output import check_target
from generator.write.publish import publish
from generator.render.precompiled import left_out
from generator.render.theme import PACKAGE_THEMES, unpublished

EVENTS = "/__digest__/events"
"""The live-reload stream; outside any base path, so it cannot clash with a page."""
RELOAD_SCRIPT = (
    '<script>/* digest serve: live reload */(function(){var v="%d",e="' + EVENTS + '",last=null;'
    'function seen(d){if(d!==v){location.reload()}}'
    'function listen(tell){new EventSource("' + EVENTS + '").addEventListener("version",function(m){tell(m.data)})}'
    'if(window.BroadcastChannel&&navigator.locks){var c=new BroadcastChannel(e);'
    'c.onmessage=function(m){if(m.data!=="?"){seen(m.data)}else if(last!==null){c.postMessage(last)}};'
    'navigator.locks.request(e,function(){listen(function(d){last=d;c.postMessage(d);seen(d)});'
    'return new Promise(function(){})});c.postMessage("?")}else{listen(seen)}})();'
    "</script>\n"
)
"""Reloads the page when the build version differs from the one it was served at (``%d``). One tab of the browser
holds the stream (a Web Lock, given to the next tab when it closes) and tells the others over a BroadcastChannel,
which also asks it for the version a new tab missed: Chromium opens 6 connections per host, and a stream per tab
made the 7th hang. Where those APIs are missing (not a secure context: ``--bind 0.0.0.0`` seen from a phone), each
tab holds its own stream."""
HEARTBEAT = 15.0
"""Seconds between keep-alive comments on an idle event stream."""
WATCH_TICK_MS = 200
"""How often a watcher wakes to notice a stop or a change of watched folders."""
DUE_POLL_SECONDS = 1.0
"""How often the preview reads the clock while it waits for an article to fall due (a suspended laptop wakes late)."""
RETRY_DELAYS = (0.25, 0.5, 1.0, 2.0, 4.0)
"""Pauses before each new try while another build holds the lock; the last one repeats."""
WILDCARDS = ("", "0.0.0.0", "::")
"""Bind addresses that mean every interface."""
PREVIEW_DIR = "serve"
"""The previews' folder inside ``.cache/``: per port, an output (``site/``), its spare tree and a cache."""
_RANGE = re.compile(r"bytes=(?P<first>[0-9]*)-(?P<last>[0-9]*)(?<!=-)", re.IGNORECASE)
_SHORT_IPV4 = re.compile(r"^[0-9a-fA-FxX.]+$")
_HOST_NAME = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


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
    allowed_hosts: tuple[str, ...] = ()
    """Extra host names the Host header may carry (``--allow-host``), besides loopback and the bind address."""
    timeout: float = 10.0
    """Seconds a connection may stay silent (or stop reading) before it is closed."""
    environment: str | None = None
    """``--environment``: ``config.<name>.yaml`` merged over the config."""
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
    busy: bool = False
    """Another build held the lock: nothing was built, and the server tries again by itself."""
    due: float = float("inf")
    """When 'now' next changes the site (``Published.due``): the preview builds again then by itself."""
    left_out: tuple[int, int] = (0, 0)
    """Drafts and future-dated articles left out, as `digest build` says ((0, 0) when the site was up to date)."""
    timed: bool = False
    """Built because an article fell due or a week ended, not because a file changed."""
    restored: bool = False
    """Built because a request found the preview folder deleted (``git clean -fdX``, ``rm -r .cache``)."""


def inject_reload(page: bytes, version: int) -> bytes:
    """Put the live-reload script, knowing the build ``version`` the page is of, before the last </body>, or at the
    end."""
    script = (RELOAD_SCRIPT % version).encode()
    at = page.lower().rfind(b"</body>")
    return page + script if at < 0 else page[:at] + script + page[at:]


def error_page(outcome: Rebuilt) -> bytes:
    """The page shown instead of every HTML page while the build is broken, or waiting for the lock."""
    # errors first, in bold: they stop the build; a warning (with --strict, also one) is listed after them
    errors = [p for p in outcome.problems if p.severity == "error"]
    warnings = [p for p in outcome.problems if p.severity != "error"]
    lines = [f"<strong>{html.escape(printable(str(p)))}</strong>" for p in errors] + \
        [html.escape(printable(str(p))) for p in warnings]  # a file name that is not UTF-8 shows as 'caf\xe9'
    items = "\n".join(lines + ([html.escape(outcome.crash)] if outcome.crash else []))
    if outcome.busy:
        title, heading = "Waiting for another build", "Waiting for another build to finish"
        advice = "The preview builds as soon as the lock is free, and this page then reloads by itself."
    else:
        title, heading = "Build failed", "The site did not build"
        hints = sum(1 for p in warnings if p.severity == "hint")
        told = ", ".join(counted(n, word) for n, word in ((len(errors) or (0 if warnings else 1), "error"),
                                                          (len(warnings) - hints, "warning"), (hints, "hint")) if n)
        advice = f"{told} (errors in bold). Fix them and save: this page reloads by itself."
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title} · digest serve</title>\n"
        "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}"
        "h1{color:#b00020}pre{background:#fff4f4;border:1px solid #f3c0c0;padding:1rem;white-space:pre-wrap}</style>\n"
        f"</head>\n<body>\n<h1>{heading}</h1>\n<p>{advice}</p>\n<pre>{items}</pre>\n</body>\n</html>\n"
    ).encode()


def byte_range(header: str | None, size: int) -> range | None:
    """The bytes a ``Range`` header asks of a file of ``size`` bytes: None for the whole file (no header, or one
    this server does not take: several ranges, another unit, bad syntax, which RFC 9110 lets it ignore), an
    empty range when none of the asked bytes exists (416). ``<video>`` seeks with ``bytes=a-``; Safari plays
    only with ranges."""
    match = _RANGE.fullmatch(header.strip()) if header else None
    if not match:
        return None
    first, last = match["first"], match["last"]
    if not first:  # bytes=-n: the last n bytes
        n = int(last)
        return range(max(size - n, 0), size) if n and size else range(0)
    start = int(first)
    end = size - 1 if not last else min(int(last), size - 1)
    if last and int(last) < start:
        return None
    return range(start, end + 1) if start < size else range(0)


def validators(stat: os.stat_result) -> dict[str, str]:
    """A file's ``ETag`` (its inode, time and size: a rebuild that changes it changes one) and ``Last-Modified``."""
    return {"ETag": f'"{stat.st_ino:x}-{stat.st_mtime_ns:x}-{stat.st_size:x}"',
            "Last-Modified": formatdate(stat.st_mtime, usegmt=True)}


def if_range_holds(header: str | None, named: dict[str, str], modified: float) -> bool:
    """Whether a ``Range`` may be answered (RFC 9110 13.1.5): no ``If-Range``, or one naming the file as it is now,
    by its strong ETag or its exact ``Last-Modified`` (a strong validator only once it is a second old). Otherwise
    the whole file is sent, so a resumed download never joins two versions. A page has no validators: its bytes
    carry the reload script's build version."""
    if header is None:
        return True
    header = header.strip()
    if header.startswith('"'):
        return header == named.get("ETag")
    return header == named.get("Last-Modified") and time.time() - modified >= 1


def preview_folder(config: Config, port: int, bind: str = "127.0.0.1") -> Path:
    """Where ``digest serve`` keeps its output and cache: inside ``.cache/``, never the deployable ``site/``.

    One folder per address, so two previews of one project (say, one with ``--drafts``) never overwrite each
    other's pages, whose links name their own host and port: ``PORT`` on 127.0.0.1, ``HOST-PORT`` on another
    (``--bind 127.0.0.2`` may take a port that 127.0.0.1 has too).
    """
    host = re.sub(r"[^A-Za-z0-9.-]", "_", urlsplit(local_base_url(bind, port, "/")).hostname or "")
    return config.path(CACHE_DIR) / PREVIEW_DIR / (str(port) if host == "127.0.0.1" else f"{host}-{port}")


def is_loopback(bind: str) -> bool:
    """Whether only this computer can reach the address: ``localhost``, all of 127.0.0.0/8, also in the short
    forms the system takes (``127.1``) and mapped into IPv6 (``::ffff:127.0.0.1``), and ::1. A host name is
    not looked up here: ``PreviewServer.local_only`` asks of the address the server took for it."""
    if bind.lower() == "localhost":
        return True
    try:
        return _loopback_ip(bind)
    except ValueError:
        pass
    try:
        return _loopback_ip(socket.inet_ntoa(socket.inet_aton(bind)))
    except (OSError, ValueError):
        return False


def _loopback_ip(text: str) -> bool:
    """Whether an IP address, IPv4 mapped into IPv6 too, is loopback; ValueError if ``text`` is not an IP."""
    address = ipaddress.ip_address(text)
    return (getattr(address, "ipv4_mapped", None) or address).is_loopback


def allowed_host_name(name: str) -> str:
    """An ``--allow-host`` value as compared with Host headers (lower case), or a refusal saying why not."""
    lowered = name.strip().lower()
    if _HOST_NAME.match(lowered):
        return lowered
    raise RefusalError(f"--allow-host {quoted(name)}: give a host name such as mybox.local, without scheme, port or path")


def host_allowed(host: str | None, port: int, bind: str, extra: Iterable[str]) -> bool:
    """Whether a Host header names this server, the defence against DNS rebinding.

    A rebinding page is served from a name its owner controls, later pointed at 127.0.0.1, so
    its requests carry that name. Accepted: ``localhost``, any loopback IP, the bind address,
    any IP when bound to all interfaces (a name cannot be rebound to an IP literal), and the
    ``extra`` names; each with this server's port (or none for port 80). No Host header at all
    comes from a program, never from a browser page, so it is accepted.
    """
    if host is None:
        return True
    name, rest = split_host(host)
    if rest not in (f":{port}",) + (("",) if port == 80 else ()):
        return False
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(name)
    except ValueError:
        address = None
    if address is not None:
        return address.is_loopback or bind in WILDCARDS or _same_address(address, bind)
    return name == "localhost" or name == bind.lower() or name in extra


def split_host(host: str) -> tuple[str, str]:
    """A Host header's name, lower case and without the brackets of an IPv6 address, and its ':port' or ''."""
    host = host.strip().lower()
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        return name, rest
    name, colon, port = host.partition(":")
    return name, colon + port


def _same_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address, bind: str) -> bool:
    try:
        return address == ipaddress.ip_address(bind)
    except ValueError:
        return False


def bind_address(bind: str) -> str:
    """``--bind`` as listened on, the one form every later use (wildcard test, Host check, URL) compares: '[::1]',
    the way a URL (and serve's own 'serving' line) writes an IPv6 address, is ::1; an IP address in another form
    is written as the system takes it (``0`` and ``0x0`` are 0.0.0.0, ``0::0`` is ::, ``127.1`` is 127.0.0.1), so
    ``--bind 0`` serves every interface under http://localhost:PORT/, not http://0:PORT/. An address with a zone
    ('fe80::1%eth0', a link-local one as 'ip addr' names it) is refused saying why: browsers open no URL with a
    zone, and the Host header check could not name it."""
    plain = bind[1:-1] if bind.startswith("[") and bind.endswith("]") else bind
    if "%" in plain:
        raise RefusalError(f"cannot listen on {bind}: an address with a zone (%{plain.partition('%')[2]}) is not "
                           "supported, as browsers open no URL with one; pass --bind :: (every IPv6 address of this "
                           "computer, link-local ones too: other computers can see the preview)")
    try:
        return str(ipaddress.ip_address(plain))
    except ValueError:
        pass
    try:  # the short IPv4 forms of inet_aton(3), as the server's own bind reads them (not its 'text after a space')
        return socket.inet_ntoa(socket.inet_aton(plain)) if _SHORT_IPV4.match(plain) else plain
    except OSError:
        return plain


def listen_address(bind: str) -> tuple[socket.AddressFamily, str, str]:
    """The address family and address ``--bind`` listens on, and the host its URL names: an IP address (or the
    wildcard) as given; for a host name, its first IPv4 address and the name, or, when it has none
    (``ip6-localhost``: ::1 alone), its first IPv6 address, named by that address: the name would be read as
    IPv4 by the server's own look-up (glibc gives 127.0.0.1 for ::1) and perhaps by no browser at all."""
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    if bind in WILDCARDS or ":" in bind:
        return family, bind, bind
    try:
        found = socket.getaddrinfo(bind, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):  # no such name: the server's bind says why, with --bind's hint
        return family, bind, bind
    for wanted in (socket.AF_INET, socket.AF_INET6):
        for got, _, _, _, address in found:
            if got == wanted:
                return got, str(address[0]), bind if got == socket.AF_INET else str(address[0])
    return family, bind, bind


def local_base_url(bind: str, port: int, base_path: str) -> str:
    """The address the preview is reached at, keeping the site's base path."""
    host = "localhost" if bind in WILDCARDS else bind
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{base_path}"


def watched_folders(config: Config) -> tuple[Path, ...]:
    """The existing folders whose files make the site."""
    candidates = [*layout(config).sources(), PACKAGE_THEMES / config.theme]
    return tuple(sorted({p.resolve() for p in candidates if p.is_dir()}))


def source_filter(config: Config, folders: tuple[Path, ...]) -> Callable[[watchfiles.Change, str], bool]:
    """Which changes under the watched ``folders`` rebuild: those to a file the build reads, by the build's own rule
    for its folder. A templates folder's ``precompiled.left_out`` (a hidden folder such as a clone's ``.git/`` or
    an editor's ``.vscode/``, a hidden file, an editor's backup or lock, ``x~``, ``#x#``, ``.#x``), with what
    watchfiles leaves out by default (``__pycache__``, ``node_modules``); ``static/``'s ``theme.unpublished`` (a
    hidden entry, but for ``.well-known/``: ``#Foto 2.png`` and ``x~`` are published); in ``content/`` and
    elsewhere, a hidden entry, as the content walk leaves out (``#rekor.md`` is an article). A theme's
    ``templates/`` and ``static/`` follow the rules of the project's."""
    default = watchfiles.DefaultFilter()
    where = layout(config)
    templates, static = where.templates.resolve(), where.static.resolve()
    themes = {where.themes.resolve(): 1, (PACKAGE_THEMES / config.theme).resolve(): 0}  # where a theme's folders are
    deepest_first = sorted(folders, key=lambda folder: len(folder.parts), reverse=True)

    def kind(folder: Path, parts: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        """Which folder of the build the file at ``parts`` under ``folder`` is in (``templates``, ``static``, or
        another), and its path there."""
        if folder in themes:
            depth = themes[folder]
            if parts[depth:depth + 1] in (("templates",), ("static",)):
                return parts[depth], parts[depth + 1:]
            return "", parts
        return {templates: "templates", static: "static"}.get(folder, ""), parts

    def relevant(change: watchfiles.Change, path: str) -> bool:
        changed = Path(path)
        folder = next((f for f in deepest_first if changed.is_relative_to(f)), None)
        if folder is None:
            return default(change, path)
        name, parts = kind(folder, changed.relative_to(folder).parts)
        if name == "templates":
            return default(change, path) and not left_out("/".join(parts))
        if name == "static":
            return not unpublished(parts)
        return not any(part.startswith(".") for part in parts)

    return relevant


def top_level_names(config: Config, config_name: str, environment: str | None = None) -> frozenset[str]:
    """Entries of the project folder whose change (or creation) matters: the config, and with ``--environment``
    the file merged over it (``config.staging.yaml``), and the source folders."""
    names = {config_name, "themes"} | {PurePosixPath(name).parts[0] for name in
                                       (config.content_dir, config.templates_dir, config.static_dir)}
    if environment:
        names.add(environment_file(Path(config_name), environment).name)
    return frozenset(names)


class _HTTPServer(ThreadingHTTPServer):
    """One thread per connection (event streams stay open); daemon threads never block exit."""

    daemon_threads = True
    request_queue_size = 128
    """Room for a burst of connections (a page and its assets, or a flood) in the kernel's accept queue."""
    preview: PreviewServer


class _HTTPServer6(_HTTPServer):
    """For --bind with an IPv6 address such as ::1."""

    address_family = socket.AF_INET6


class PreviewServer:
    """The server, its watchers and the state of the last build."""

    def __init__(self, options: ServeOptions, now: Callable[[], datetime], on_build: Callable[[Rebuilt], None],
                 on_request: Callable[[str], None] | None = None) -> None:
        options = replace(options, bind=bind_address(options.bind))
        self.options, self.now, self.on_build, self.on_request = options, now, on_build, on_request
        self.config = load_config(options.config_path, environment=options.environment)
        family, address, self.host = listen_address(options.bind)
        """``self.host``: what the preview's URL and links name, the --bind given or the IPv6 address it took."""
        self.allowed_hosts = frozenset(allowed_host_name(name) for name in options.allowed_hosts) | (
            {options.bind.lower()} if self.host != options.bind else set())  # the name --bind gave is still this server
        server_class = _HTTPServer6 if family == socket.AF_INET6 else _HTTPServer
        try:
            self.httpd = server_class((address, options.port), _Handler)
        except OSError as e:  # in use or privileged: the port; no such name or address here: the address
            fix = ("pass another --port" if e.errno in (errno.EADDRINUSE, errno.EACCES) else
                   "pass --bind an address of this computer, such as 127.0.0.1 (this computer only) or 0.0.0.0 (every "
                   "network it is on)")
            raise RefusalError(f"cannot listen on {options.bind} port {options.port}: {e.strerror}; {fix}") from None
        self.httpd.preview = self
        self.port: int = self.httpd.server_address[1]
        self.cache_dir = preview_folder(self.config, self.port, self.host)
        self.target = self.cache_dir / "site"
        try:
            check_target(self.target, self.config.root, watched_folders(self.config))
        except RefusalError as e:
            self.httpd.server_close()
            # serve has no --output: its folder is the preview's own, which deleting costs one build
            raise RefusalError(str(e).replace("choose another --output or output_dir", "pass another --port")
                               .replace("choose another --output", f"delete {self.cache_dir} (a preview's folder, "
                                                                   "made again), or pass another --port")) from None
        self.version = 0
        self.status = Rebuilt(False, 0, 0.0, ())
        self._changed = threading.Condition()
        self._build_lock = threading.Lock()
        self._restore_lock = threading.Lock()
        self._stopping = threading.Event()
        self._retry = threading.Event()
        """Set while the last build found the lock held; the retry thread builds again."""
        self._threads: list[threading.Thread] = []

    @property
    def bound(self) -> str:
        """The address it listens on, as the system took it: ``--bind 0`` or ``0x0`` is 0.0.0.0, ``[::]`` is ::."""
        return str(self.httpd.server_address[0]).partition("%")[0]

    @property
    def local_only(self) -> bool:
        """Whether only this computer can reach the preview: the address it listens on (the one a ``--bind`` host
        name gave, of all the name has: Debian's own host name is 127.0.1.1) is loopback."""
        return is_loopback(self.bound)

    @property
    def url(self) -> str:
        """The preview's home page, as printed for the editor to open."""
        return local_base_url(self.host, self.port, self.config.base_path)

    def start(self) -> Rebuilt:
        """Build once, then serve and watch in background threads; returns the first build's outcome."""
        first = self.rebuild()
        ready = [threading.Event(), threading.Event()]
        self._threads = [
            threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2}, name="digest-http"),
            threading.Thread(target=self._watch_folders, args=(ready[0],), name="digest-watch"),
            threading.Thread(target=self._watch_project, args=(ready[1],), name="digest-watch-config"),
            threading.Thread(target=self._retry_while_busy, name="digest-retry"),
            threading.Thread(target=self._rebuild_when_due, name="digest-due"),
        ]
        # Ctrl-C (or SIGTERM) waits until every thread has started: stop() can only wait for a started one (a
        # KeyboardInterrupt inside Thread.start() left the HTTP thread running unrecorded, and closing its
        # socket under it printed a traceback). The threads inherit the mask, so signals go to this one.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            for thread in self._threads:
                thread.daemon = True
                thread.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        for event in ready:
            event.wait(5)
        return first

    def stop(self) -> None:
        """Close event streams, stop the watchers and the HTTP server, and wait for their threads."""
        self._stopping.set()
        self._retry.set()  # wakes the retry thread, which then sees the stop
        with self._changed:
            self._changed.notify_all()
        if self._threads:  # shutdown() waits for serve_forever(), so only once it has started
            self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        # a port the system chose (--port 0) is not asked for again: its preview would stay in .cache/serve/ for
        # good, one more whole site each run; it goes, unless a build still runs (then it stays, harmless)
        if self.options.port == 0 and self._build_lock.acquire(timeout=5):
            try:
                shutil.rmtree(self.cache_dir, ignore_errors=True)
            finally:
                self._build_lock.release()

    def wait(self) -> None:
        """Block until stop() (or Ctrl-C in the calling thread)."""
        while not self._stopping.wait(0.5):
            pass

    # --- building --------------------------------------------------------------------------------

    def restore(self) -> None:
        """Build the preview folder again when a request finds it deleted after a good build: every page was 404
        until a source was saved. The requests that find it gone meanwhile wait for that one build; a build that
        fails shows the error page, and is not tried again by each request."""
        seen = self.version
        with self._restore_lock:
            if self.version == seen and self.status.ok and not self.target.is_dir():
                self.rebuild(restored=True)

    def rebuild(self, changed: Iterable[str] = (), timed: bool = False, restored: bool = False) -> Rebuilt:
        """Build with the local base URL and write the preview folder; a failure becomes the error page.

        Unexpected exceptions are caught too: the build is marked failed and its traceback is shown
        on the error page and passed to ``on_build``, because one bad save must not end an editing
        session. Nothing is written after a failure, so no page is silently missing.

        When another build holds the lock, the outcome is ``busy``: pages say why they wait, the
        retry thread tries again, and the changes seen meanwhile are kept for the message of the
        build that goes through. Only the first of a run of busy outcomes is reported.
        """
        with self._build_lock:
            started = time.perf_counter()
            waiting = self.status.changed if self.status.busy else ()
            changed = tuple(sorted(set(waiting) | set(changed)))
            try:
                config = load_config(self.options.config_path, environment=self.options.environment)
                config = replace(config, base_url=local_base_url(self.host, self.port, config.base_path))
                # one process: forking while the HTTP threads run could copy a held lock
                options = BuildOptions(self.options.drafts or config.drafts, self.options.future, self.now(), workers=1)
                done = publish(config, options, self.target, cache_dir=self.cache_dir,
                               allow_empty=self.options.allow_empty)
                self.config = config
                left_out = (done.result.skipped_drafts, done.result.skipped_future) if done.result else (0, 0)
                outcome = Rebuilt(True, done.articles, time.perf_counter() - started, done.warnings + done.late,
                                  changed, due=done.due, left_out=left_out, timed=timed)
            except BuildError as e:
                outcome = Rebuilt(False, 0, time.perf_counter() - started, e.problems, changed)
            except BusyError:
                busy = Problem(self._shown(self.target), 0, "", "another digest build is writing this folder; the "
                               "preview builds as soon as it has finished")
                outcome = Rebuilt(False, 0, time.perf_counter() - started, (busy,), changed, busy=True)
            except Refused as e:  # config.yaml deleted: said at it, as before it was a refusal
                outcome = Rebuilt(False, 0, time.perf_counter() - started, (e.problem,), changed)
            except RefusalError as e:
                outcome = Rebuilt(False, 0, time.perf_counter() - started, (Problem(self._shown(self.target), 0, "",
                                                                                    str(e)),), changed)
            except OSError as e:  # the preview folder cannot be written: .cache/ is a file, read-only, full
                where = self._shown(Path(e.filename)) if e.filename else self._shown(self.cache_dir)
                outcome = Rebuilt(False, 0, time.perf_counter() - started,
                                  (Problem(where, 0, "", f"cannot build the preview: {e.strerror}"),), changed)
            except Exception:  # a bug or a file vanishing mid-save: see the docstring
                outcome = Rebuilt(False, 0, time.perf_counter() - started, (), changed, traceback.format_exc())
            outcome = replace(outcome, restored=restored)
            repeat = outcome.busy and self.status.busy
            with self._changed:
                if outcome.busy:
                    self._retry.set()
                else:
                    self._retry.clear()
                if not repeat:
                    self.status = outcome
                    self.version += 1
                    self._changed.notify_all()
        if not repeat:
            self.on_build(outcome)
        return outcome

    def _shown(self, path: Path) -> str:
        """A path for messages: relative to the project when inside it."""
        root = self.config.root
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    def _retry_while_busy(self) -> None:
        """Build again, after growing pauses, for as long as another build holds the lock."""
        attempt = 0
        while not self._stopping.is_set():
            if not self._retry.is_set():
                attempt = 0
                self._retry.wait()
                continue
            if self._stopping.wait(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)]):
                return
            attempt += 1
            if self._retry.is_set():  # a watcher's rebuild may have gone through meanwhile
                self.rebuild()

    def _rebuild_when_due(self) -> None:
        """Build again when the last build's site stops being the one 'now' makes: a scheduled article falls due, a
        week's edition ends (``Rebuilt.due``). The preview had shown neither until the next save."""
        while not self._stopping.is_set():
            due = self.status.due
            left = due - self.now().timestamp()
            if left > 0 or due == float("inf"):  # the clock is read at least each second: a test's, or a laptop's
                self._stopping.wait(min(max(left, 0.05), DUE_POLL_SECONDS))  # after sleep
                continue
            self.rebuild(timed=True)
            if self.status.due == due:  # the build failed, or said the same: not again until something changes
                self._stopping.wait(DUE_POLL_SECONDS)

    def wait_for_change(self, seen: int, timeout: float) -> int | None:
        """The build version once it differs from ``seen`` (or after ``timeout``); None when stopping."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self._stopping.is_set(), timeout)
            return None if self._stopping.is_set() else self.version

    def _changed_files(self, changes: set[tuple[watchfiles.Change, str]]) -> tuple[str, ...]:
        """The changed files to name in messages: editors' short-lived temporary files left out."""
        paths = {Path(name) for _, name in changes}
        shown = {p for p in paths if p.exists()} or paths
        return tuple(sorted(self._shown(p) for p in shown))

    # --- watching --------------------------------------------------------------------------------

    def _watch_folders(self, ready: threading.Event) -> None:
        """Rebuild on changes under the source folders; start over when the set of folders changes."""
        unnamed = False
        while not self._stopping.is_set():
            folders = watched_folders(self.config)
            if not folders:
                ready.set()
                self._stopping.wait(WATCH_TICK_MS / 1000)
                continue
            try:
                for changes in watchfiles.watch(*folders, watch_filter=source_filter(self.config, folders),
                                                stop_event=self._stopping, rust_timeout=WATCH_TICK_MS,
                                                yield_on_timeout=True):
                    ready.set()
                    if changes or unnamed:
                        unnamed = False
                        self.rebuild(self._changed_files(changes))
                    if watched_folders(self.config) != folders:
                        break
            except RuntimeError:
                unnamed = self._unnamed_change()

    def _watch_project(self, ready: threading.Event) -> None:
        """Rebuild when config.yaml changes, or when a source folder appears or goes."""
        root = self.config.root
        name = self.options.config_path.name

        def relevant(_: watchfiles.Change, path: str) -> bool:
            return Path(path).name in top_level_names(self.config, name, self.options.environment)

        unnamed = False
        while not self._stopping.is_set():
            try:
                for changes in watchfiles.watch(root, watch_filter=relevant, recursive=False,
                                                stop_event=self._stopping, rust_timeout=WATCH_TICK_MS,
                                                yield_on_timeout=True):
                    ready.set()
                    if changes or unnamed:
                        unnamed = False
                        self.rebuild(self._changed_files(changes))
            except RuntimeError:
                unnamed = self._unnamed_change()

    def _unnamed_change(self) -> bool:
        """watchfiles stopped on a change to a file whose name is not UTF-8 ('Unable to decode path'): the watch
        starts again (it had ended for good, and pages went stale), and a build says what the name is. That build
        runs once the new watch is up (its first tick, ``True`` here asks for it): built before, a save made during
        the build or the pause after it was seen by neither."""
        self._stopping.wait(WATCH_TICK_MS / 1000)
        return True

    # --- serving ---------------------------------------------------------------------------------

    def locate(self, rel: str) -> tuple[Path | None, str | None]:
        """The file for a path below the base path, or a redirect (a folder without its '/').

        A path the file system rejects (a segment over 255 bytes, too long in all) is not found.
        """
        parts = PurePosixPath(rel).parts
        if "\x00" in rel or ".." in parts or rel.startswith("/"):
            return None, None
        if any(part.startswith(".") for part in parts[parts[:1] == (".well-known",):]):
            return None, None  # the writer's marker is not a page, as on the host (deploy/nginx.conf)
        candidate = self.target / rel
        try:
            if candidate.is_dir():
                if rel and not rel.endswith("/"):
                    return None, self.config.base_path + quote(rel) + "/"  # '日本' as a header can carry it
                candidate = candidate / "index.html"
            return (candidate if candidate.is_file() else None), None
        except OSError:
            return None, None


class _HeadReader(io.RawIOBase):
    """The socket as read for one request head, with a deadline for the whole head.

    A per-read timeout alone lets a client that sends one byte now and then hold its thread
    forever; here each read may only wait for what is left of the deadline.
    """

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        super().__init__()
        self.sock, self.deadline = sock, time.monotonic() + seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("timed out")
        self.sock.settimeout(left)
        return self.sock.recv_into(buffer)


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD for the preview: files, the error page while broken, and the event stream."""

    server: _HTTPServer
    server_version = "digest-serve"

    def setup(self) -> None:
        """Timeouts, so a silent, dripping or stalled client frees its thread: ``timeout`` seconds for
        the whole request head (one request per connection: HTTP/1.0), and for each write."""
        self.timeout = self.server.preview.options.timeout
        super().setup()
        self.rfile = io.BufferedReader(_HeadReader(self.connection, self.timeout))

    def handle(self) -> None:
        """A client that goes away (closed tab, curl stopped, reset) ends its connection, with no traceback."""
        try:
            super().handle()
        except (ConnectionError, TimeoutError) as e:
            self.close_connection = True
            self.log_message("connection ended: %s", e.strerror or type(e).__name__)

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
        self.connection.settimeout(self.timeout)  # the head is read: from now on, the timeout is per write
        host = self.headers.get("Host")
        if not host_allowed(host, preview.port, preview.host, preview.allowed_hosts):
            name = split_host(host or "")[0]
            hint = f" or restart with --allow-host {name}" if _HOST_NAME.match(name) else ""
            self._send(HTTPStatus.FORBIDDEN, f"digest serve does not answer to the host {quoted(host)}, so that other "
                       f"sites cannot read the preview (DNS rebinding); open {preview.url}{hint}\n".encode(),
                       "text/plain; charset=utf-8", send_body)
            return
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS:
            self._events(send_body)
            return
        base = unquote(preview.config.base_path)  # compared decoded, as the request's path: '/beritä/'
        if not path.startswith(base):
            if path in ("/", base.rstrip("/")):
                self._send(HTTPStatus.FOUND, b"", "text/plain", send_body, location=preview.config.base_path)
            else:
                self._send(HTTPStatus.NOT_FOUND, f"not found: the site is served under {base}\n".encode(),
                           "text/plain; charset=utf-8", send_body)
            return
        if not preview.target.is_dir():
            preview.restore()
        file, redirect = preview.locate(path[len(base):])
        if redirect:
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", send_body, location=redirect)
            return
        status, status_version = preview.status, preview.version
        is_page = file is None or file.suffix == ".html"
        if not status.ok and is_page:
            code = HTTPStatus.SERVICE_UNAVAILABLE if status.busy else HTTPStatus.INTERNAL_SERVER_ERROR
            self._send(code, inject_reload(error_page(status), status_version), "text/html; charset=utf-8", send_body)
            return
        code = HTTPStatus.OK
        if file is None:
            code, file = HTTPStatus.NOT_FOUND, preview.target / "404.html"
            if not file.is_file():
                self._send(code, b"not found\n", "text/plain; charset=utf-8", send_body)
                return
        try:
            handle = file.open("rb")
        except OSError:  # gone between locate() and now: a rebuild swapped the folder
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", send_body)
            return
        with handle:
            self._send_file(code, file, handle, status_version, send_body)

    def _send_file(self, code: HTTPStatus, file: Path, handle: BinaryIO, version: int, send_body: bool) -> None:
        """A file, or the one range of it asked: a page is read whole (it gets the reload script), any other file
        only for the bytes sent, so a seek in a video of hundreds of MB does not read it all."""
        stat = os.fstat(handle.fileno())
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        data, named = None, validators(stat)
        if kind == "text/html":
            data, named = inject_reload(handle.read(), version), {}
        if kind.startswith("text/") or kind.endswith("xml"):
            kind += "; charset=utf-8"
        if code != HTTPStatus.OK:
            self._send(code, handle.read() if data is None else data, kind, send_body)
            return
        size = stat.st_size if data is None else len(data)
        wanted = None
        if if_range_holds(self.headers.get("If-Range"), named, stat.st_mtime):
            wanted = byte_range(self.headers.get("Range"), size)
        if wanted is None:
            wanted, code = range(size), HTTPStatus.OK
        elif not wanted:
            self._send(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, b"", kind, send_body, ranges=True,
                       content_range=f"bytes */{size}")
            return
        else:
            code = HTTPStatus.PARTIAL_CONTENT
        content_range = f"bytes {wanted.start}-{wanted.stop - 1}/{size}" if code == HTTPStatus.PARTIAL_CONTENT else ""
        if data is not None:
            self._send(code, data[wanted.start:wanted.stop], kind, send_body, ranges=True, content_range=content_range)
            return
        self._send(code, b"", kind, send_body=False, ranges=True, content_range=content_range, headers=named,
                   length=len(wanted))
        if send_body:
            handle.seek(wanted.start)
            left = len(wanted)
            while left and (chunk := handle.read(min(left, 2**16))):
                self.wfile.write(chunk)
                left -= len(chunk)
            self.close_connection = True

    def _send(self, code: HTTPStatus, body: bytes, kind: str, send_body: bool, location: str = "",
              ranges: bool = False, content_range: str = "", headers: dict[str, str] = {},
              length: int | None = None) -> None:
        """One answer; ``ranges`` for a file, which takes ``Range`` requests; ``length`` for a body the caller
        sends after these headers."""
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        if location:
            self.send_header("Location", location)
        if ranges:
            self.send_header("Accept-Ranges", "bytes")
        if content_range:
            self.send_header("Content-Range", content_range)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self, send_body: bool) -> None:
        """Server-sent events: the build version now, then each new one; ends when the server stops.

        HEAD gets the headers only. A client that goes away ends the loop through ``handle()``.
        """
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not send_body:
            return
        seen: int | None = preview.version
        self.wfile.write(f"retry: 1000\nevent: version\ndata: {seen}\n\n".encode())
        self.wfile.flush()
        while seen is not None:
            current = preview.wait_for_change(seen, HEARTBEAT)
            if current is None:
                return
            self.wfile.write(b": ping\n\n" if current == seen else f"event: version\ndata: {current}\n\n".encode())
            self.wfile.flush()
            seen = current
