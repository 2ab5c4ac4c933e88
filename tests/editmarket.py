"""A small market for `lapak edit` tests: two sellers, a hand-written product file with comments."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from starlette.testclient import TestClient

HOST = "http://127.0.0.1:8001"

HAND_WRITTEN = """---
# Kopi dari kebun sendiri (jangan hapus komentar ini)
nama: Kopi Robusta Temanggung
harga: "Rp 45.000"   # harga per bungkus
kategori: Minuman
berat: 250 gram
tags: [kopi, robusta]
---
Biji kopi robusta, disangrai **sedang**.

Digiling kalau diminta.
"""


def jpeg(color=(200, 120, 40), size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def make_market(root: Path) -> Path:
    files = {
        "lapak.yaml": "name: Pasar Uji\n",
        "sellers/toko-a/shop.yaml": "name: Toko A\nwhatsapp: 0812-3456-7890\n",
        "sellers/toko-a/products/kopi.md": HAND_WRITTEN,
        "sellers/toko-a/products/teh.md": "---\nname: Teh Melati\nprice: 15000\n---\nTeh wangi.\n",
        "sellers/toko-b/shop.yaml": "name: Toko B\nwhatsapp: 0813-1111-2222\nbahasa: en\n",
        "sellers/toko-b/products/gula.md": "---\nname: Gula Aren\nprice: 20000\n---\nPalm sugar.\n",
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "sellers/toko-a/photos").mkdir()
    (root / "sellers/toko-a/photos/kopi.jpg").write_bytes(jpeg())
    return root


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def base_digest(html: str) -> str:
    return re.search(r'name="dasar" value="([^"]*)"', html).group(1)


def signed_in(app, who="toko-a"):
    """A client signed in with a fresh card link of `who`, and the page it lands on."""
    client = TestClient(app.asgi, base_url=HOST)
    page = client.get(f"/k/{app.keys.new_link(who)}", follow_redirects=True)
    assert page.status_code == 200
    return client, page.text
