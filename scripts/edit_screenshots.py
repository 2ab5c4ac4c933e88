#!/usr/bin/env python3
"""Phone-size screenshots of `lapak edit` on the example market, for the README's page for sellers.

Usage: python scripts/edit_screenshots.py   (writes docs/screenshots/edit-*.png)

Copies the examples to a scratch folder, builds them, makes the sellers' cards, starts the
editor on 127.0.0.1 and, in headless Chromium at 360×740 (Debian's `chromium`), signs in with
Batik Malon's card link and photographs the product list, a product's form, and the page
after a save. Run it after changing the editor, and commit the pictures.
"""

from __future__ import annotations

import re
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import main as lapak  # noqa: E402
from generator.edit.app import create_app  # noqa: E402

SELLER = "batik-malon"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    target = ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        market = Path(tmp) / "pasar"
        shutil.copytree(ROOT / "sellers", market / "sellers")
        shutil.copy(ROOT / "lapak.yaml", market / "lapak.yaml")
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        assert lapak(["build", str(market)]) == 0
        assert lapak(["edit", str(market), "--cards", "--base-url", base]) == 0
        cards = (market / "edit-cards.html").read_text(encoding="utf-8")
        card = cards[cards.index(f'data-card="{SELLER}"') :]
        link = re.search(r'<a href="([^"]+)"', card)[1]
        server = uvicorn.Server(uvicorn.Config(create_app(market), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium")
                tab = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2).new_page()
                tab.goto(link)
                tab.screenshot(path=str(target / "edit-daftar.png"))
                tab.click("[data-product] [data-edit] >> nth=0")
                tab.wait_for_load_state()
                tab.screenshot(path=str(target / "edit-produk.png"))
                tab.fill("[name=harga]", "365rb")
                tab.click("[data-save]")
                tab.wait_for_selector("[data-live]")  # the form is sent by script: wait for the saved page
                tab.evaluate("window.scrollTo(0, 0)")
                tab.screenshot(path=str(target / "edit-tersimpan.png"))
                browser.close()
        finally:
            server.should_exit = True
            thread.join()
    for name in ("edit-daftar", "edit-produk", "edit-tersimpan"):
        print(target / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
