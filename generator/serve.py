"""`lapak serve`: build, serve on 127.0.0.1, rebuild on change, reload the open page.

A broken edit never stops the server: the last good pages stay served and an overlay
on the open page shows the problems (file:line) until the file is fixed (MkDocs'
livereload, Lektor's build failures).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import cast

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import BuildResult, build
from generator.core import caches
from generator.core.errors import LapakError
from generator.load.memo import save_pending

log = logging.getLogger(__name__)

EVENTS_PATH = "/_lapak/events"
STATUS_PATH = "/_lapak/status"
IDLE_SECONDS = 0.5  # no edit for this long: save what the rebuilds learnt (memos), out of the reload's way
DEBOUNCE_SECONDS = 0.01  # quiet time after the last event: an editor's save (temporary file, rename) takes a few ms
# A market folder's inputs, and a single shop folder's.
WATCHED_FOLDERS = {"sellers", "themes", "products", "produk", "photos", "foto", "theme"}
WATCHED_FILES = {"lapak.yaml", "shop.yaml"}
# Editors' temporary and backup files: saving in vim writes 4913, emacs .#x, many write x~.
_IGNORED = re.compile(r"(^\.|~$|\.sw[a-p]$|\.tmp$|\.bak$|^#.*#$|^4913$|\.part$|\.crdownload$)")

CLIENT_SCRIPT = """<script>(function(){
var box=null;function show(p){if(!p.length){if(box){box.remove();box=null}return}
if(!box){box=document.createElement("div");box.setAttribute("role","alert");
box.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:99999;"+
"background:#3b0d0d;color:#fff;font:14px/1.5 monospace;padding:12px 16px;white-space:pre-wrap";
document.body.appendChild(box)}box.textContent=p.join("\\n")}
function status(){fetch("%(status)s").then(function(r){return r.json()}).then(function(s){show(s.problems)})}
var es=new EventSource("%(events)s");es.onmessage=function(e){if(e.data==="reload")location.reload();else status()};
status()})();</script>"""


class LiveState:
    """What the server knows of the latest build, shared between threads."""

    def __init__(self):
        self.version = 0
        self.problems: list[str] = []
        self.changed = threading.Condition()

    def publish(self, problems: list[str], pages_changed: bool) -> None:
        with self.changed:
            self.problems = problems
            if pages_changed:
                self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, problems: list[str], timeout: float) -> tuple[int, list[str]]:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.problems != problems, timeout)
            return self.version, list(self.problems)


class _Handler(SimpleHTTPRequestHandler):
    state: LiveState

    def log_message(self, format, *args):
        log.debug("serve: " + format, *args)

    def do_GET(self):
        if self.path == EVENTS_PATH:
            return self._events()
        if self.path == STATUS_PATH:
            return self._send(json.dumps({"problems": self.state.problems}).encode(), "application/json")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_bytes()
            script = CLIENT_SCRIPT % {"status": STATUS_PATH, "events": EVENTS_PATH}
            return self._send(html.replace(b"</body>", script.encode() + b"</body>", 1), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: "reload" after a rebuild that changed pages, "status" otherwise."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen, problems = self.state.version, list(self.state.problems)
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not getattr(self.server, "stopping", False):
                version, now = self.state.wait(seen, problems, timeout=15)
                message = "reload" if version != seen else ("status" if now != problems else "")
                seen, problems = version, now
                self.wfile.write(f"data: {message}\n\n".encode() if message else b": ping\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Watcher(FileSystemEventHandler):
    """Collects relevant changes; the rebuild loop waits for a quiet moment (debounce)."""

    def __init__(self, root: Path):
        self.root = root
        self.dirty = threading.Event()
        self.last = 0.0
        self.paths: set[str] = set()  # what changed since the last rebuild
        self.lock = threading.Lock()

    def relevant(self, path: str) -> bool:
        """Seller and theme files and lapak.yaml; not editors' temporary files, not the output."""
        p = Path(path)
        if not p.name or _IGNORED.search(p.name):
            return False
        try:
            rel = p.relative_to(self.root)
        except ValueError:
            return False
        return (rel.parts[0] if rel.parts else "") in WATCHED_FOLDERS or rel.as_posix() in WATCHED_FILES

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        # The root is watched as a str path: watchdog reports str paths for it, never bytes.
        paths = cast(list[str], [p for p in (event.src_path, getattr(event, "dest_path", "")) if p])
        if not any(self.relevant(p) for p in paths):
            return
        with self.lock:
            self.paths.update(str(Path(p).absolute()) for p in paths)
        self.last = time.monotonic()
        self.dirty.set()

    def take(self) -> set[str]:
        with self.lock:
            paths, self.paths = self.paths, set()
        return paths


PROBE_ADDRESSES = ("192.0.2.1", "8.8.8.8")  # TEST-NET-1 and a public resolver: only routes are looked up


def lan_addresses() -> list[str]:
    """This machine's addresses on the local network (what a phone on the same Wi-Fi opens),
    the most likely first; empty when there is none but loopback.

    The main one is the source address the system would use towards a public address: a UDP
    socket "connected" there sends nothing, it only picks the route. The host name's own
    addresses come next (on many systems /etc/hosts maps it to 127.0.x.1: left out)."""
    found: list[str] = []
    for target in PROBE_ADDRESSES:
        found.append(_route_source(target))
    found.extend(_host_addresses())
    out: list[str] = []
    for address in found:
        if address and not _loopback(address) and address not in out:
            out.append(address)
    return out


def _route_source(target: str) -> str:
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect((target, 9))  # UDP: no packet is sent
            return s.getsockname()[0]
    except OSError:
        return ""


def _host_addresses() -> list[str]:
    import socket

    try:
        return socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        return []


def _loopback(address: str) -> bool:
    import ipaddress

    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return True
    return ip.is_loopback or ip.is_unspecified or ip.is_link_local


class _HTTPServer(ThreadingHTTPServer):
    server_address: tuple[str, int]  # an IPv4 server: (host, port)
    stopping = False  # set on stop: the open event streams end


class Server:
    """The preview server: one build, then serve and rebuild on change until stopped."""

    def __init__(
        self, root: Path, out: Path | None = None, host: str = "127.0.0.1", port: int = 8000, lang: str = "id"
    ):
        self.root = root.resolve()
        self.out = (out or self.root / "output").resolve()
        self.lang = lang
        self.state = LiveState()
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = _HTTPServer((host, port), functools.partial(handler, directory=str(self.out)))
        self.httpd.daemon_threads = True
        self.watcher = _Watcher(self.root)
        self.observer = Observer()
        self._stop = threading.Event()
        self.on_build: Callable[[BuildResult], object] | None = None  # callback(result) for the CLI to print problems
        self.last_rebuild = 0.0  # seconds the last rebuild took
        self._serving: threading.Thread | None = None

    @property
    def address(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def rebuild(self, changed: set[str] | None = None) -> BuildResult:
        started = time.perf_counter()
        sellers = f"{self.root / 'sellers'}{os.sep}"
        if changed and not all(p.startswith(sellers) for p in changed):
            caches.clear()  # lapak.yaml or a theme: whatever was remembered may show it
        result = build(self.root, self.out, changed=changed)
        self.last_rebuild = time.perf_counter() - started
        problems = [
            p.format(self.lang) for p in sorted(result.problems, key=lambda p: p.sort_key()) if p.severity != "notice"
        ]
        self.state.publish(problems, pages_changed=result.written)
        if self.on_build:
            self.on_build(result)
        return result

    def start(self) -> None:
        """Watch, build once, then serve and rebuild on change (returns at once; see `wait`)."""
        self.out.mkdir(parents=True, exist_ok=True)
        for name in sorted(WATCHED_FOLDERS):
            if (self.root / name).is_dir():
                self.observer.schedule(self.watcher, str(self.root / name), recursive=True)
        self.observer.schedule(self.watcher, str(self.root), recursive=False)  # lapak.yaml / shop.yaml
        self.observer.start()  # before the first build: a file saved during it is built next
        self.rebuild()
        self._serving = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._serving.start()
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            if not self.watcher.dirty.wait(timeout=IDLE_SECONDS):
                save_pending()  # a quiet moment: the open page has reloaded by now
                continue
            if time.monotonic() - self.watcher.last < DEBOUNCE_SECONDS:
                time.sleep(DEBOUNCE_SECONDS / 4)
                continue
            self.watcher.dirty.clear()
            try:
                self.rebuild(self.watcher.take())
            except LapakError as e:  # e.g. sellers/ renamed away while serving: said plainly
                problem = getattr(e, "problem", None)
                self.state.publish([problem.format(self.lang) if problem else str(e)], pages_changed=False)
            except Exception as e:
                log.exception("rebuild failed")
                self.state.publish([f"{type(e).__name__}: {e}"], pages_changed=False)

    def wait(self) -> None:
        self._stop.wait()

    def stop(self) -> None:
        self._stop.set()
        save_pending()
        self.httpd.stopping = True
        with self.state.changed:
            self.state.changed.notify_all()
        if self.observer.is_alive():
            self.observer.stop()
            self.observer.join(timeout=5)
        if self._serving is not None:  # (shutdown waits for a serve loop that must have started)
            self.httpd.shutdown()
        self.httpd.server_close()
