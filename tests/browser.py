"""A real headless Chromium for tests (Python Playwright driving Debian's `chromium`), and a
local web server for a built site. Missing pieces fail the tests with a clear message: a
skipped browser test would hide a broken cart."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from urllib.parse import unquote, urlsplit

import pytest

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported by start_playwright() as a failure, not a skip
    expect = sync_playwright = None

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Fixed clock and dice, so the order code (and so the whole message) is known in advance.
FIXED_TIME = """Date.now = function () { return 1764300000000; };
Math.random = function () { return 0.123456; };"""
FIXED_CODE = "O0LC4F"


def chromium_path() -> str:
    path = os.environ.get("LAPAK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(
            f"Chromium not found at {path}: the cart is tested in a real browser. "
            "Install it with `apt-get install -y chromium` (.ci/run does), "
            "or point LAPAK_CHROMIUM at a Chromium binary.",
            pytrace=False,
        )
    return path


def launch(playwright):
    """Headless Chromium from the system, never a downloaded one (`playwright install` is not used)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def start_playwright():
    if sync_playwright is None:
        pytest.fail("Python Playwright is missing: pip install -e '.[test]' installs it.", pytrace=False)
    return sync_playwright().start()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder):
    """Serve `folder` on 127.0.0.1 at a free port; yields the base URL ending in "/"."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Network:
    """Lets the page reach only the local site; records wa.me navigations instead of leaving."""

    def __init__(self, context):
        self.whatsapp: list[str] = []
        self.foreign: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith("file:") or host == "127.0.0.1":
            route.continue_()
        elif host == "wa.me":
            self.whatsapp.append(url)
            route.fulfill(status=200, content_type="text/plain", body="whatsapp")
        else:
            self.foreign.append(url)
            route.abort()

    def message(self) -> tuple[str, str]:
        """The one WhatsApp link opened: (number, decoded text)."""
        assert len(self.whatsapp) == 1, self.whatsapp
        parts = urlsplit(self.whatsapp[0])
        assert parts.scheme == "https" and parts.netloc == "wa.me"
        assert parts.query.startswith("text=") and "&" not in parts.query
        return parts.path.strip("/"), unquote(parts.query[len("text=") :])
