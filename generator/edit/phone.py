"""The editor on the seller's phone: installable on the home screen (a web app manifest and its
icons), a share target for photos from the gallery (staged per session, never written to a seller's
folder until the form is saved with its CSRF token), and the "Bagikan ke WhatsApp" link."""

from __future__ import annotations

import io
import re
import secrets
import shutil
import threading
import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from generator.core.atomic import write_atomic
from generator.edit.uploads import MAX_PHOTOS_PER_SAVE, checked_jpeg

THEME = "#0b5394"
BACKGROUND = "#f6f4f0"
ICON_SIZES = (192, 512)
STAGE_SECONDS = 30 * 60  # shared photos wait this long for the form to be saved


def manifest() -> dict:
    """The web app manifest: home-screen install and the share target for gallery photos."""
    icons = [
        {"src": f"/aset/ikon-{n}.png", "sizes": f"{n}x{n}", "type": "image/png", "purpose": "any"} for n in ICON_SIZES
    ]
    icons.append({"src": "/aset/ikon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"})
    return {
        "name": "Lapak — toko saya",
        "short_name": "Lapak",
        "lang": "id",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "icons": icons,
        "share_target": {
            "action": "/bagikan",
            "method": "POST",
            "enctype": "multipart/form-data",
            "params": {"title": "judul", "text": "teks", "files": [{"name": "foto", "accept": ["image/*"]}]},
        },
    }


@lru_cache(maxsize=4)
def icon(size: int, maskable: bool = False) -> bytes:
    """A PNG icon drawn once: a shop awning over a counter, in the editor's colours. A maskable icon
    keeps its drawing inside the central safe circle (80 %) and fills the whole square."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (size, size), BACKGROUND if not maskable else THEME)
    d = ImageDraw.Draw(im)
    inset = size * (0.2 if maskable else 0.06)
    box = (inset, inset, size - inset, size - inset)
    if not maskable:
        d.rounded_rectangle(box, radius=size * 0.18, fill=THEME)
    w = box[2] - box[0]
    x0, y0 = box[0] + w * 0.16, box[1] + w * 0.22
    stripe = (w * 0.68) / 4
    for i in range(4):  # the awning: four scallops, alternately white and light
        colour = "#ffffff" if i % 2 == 0 else "#f2c14e"
        d.rectangle((x0 + i * stripe, y0, x0 + (i + 1) * stripe, y0 + w * 0.16), fill=colour)
        d.pieslice((x0 + i * stripe, y0 + w * 0.08, x0 + (i + 1) * stripe, y0 + w * 0.24), 0, 180, fill=colour)
    d.rectangle((x0 + w * 0.04, y0 + w * 0.3, x0 + w * 0.64, y0 + w * 0.56), fill="#ffffff")
    out = io.BytesIO()
    im.save(out, "PNG", optimize=True)
    return out.getvalue()


def whatsapp_link(name: str, url: str) -> str:
    """wa.me with the product's name and its page: WhatsApp's own sheet picks the chat, group or status."""
    return "https://wa.me/?text=" + quote(f"{name}\n{url}", safe="")


def live_url(site_url: str, origin: str, path: str) -> str:
    """The page's public address when the market has one (`site_url`), else this editor's /situs/ copy."""
    if site_url:
        return f"{site_url.rstrip('/')}/{path}"
    return f"{origin.rstrip('/')}/situs/{path}"


class Staged:
    """Photos shared into the editor, waiting for their form: DIR/.lapak-edit/pending/<key>/N.jpg.

    Each photo went through the same checks as an upload (size, a real picture, no decompression
    bomb) and is kept as the clean JPEG; nothing here ever touches a seller's folder. The key is
    random, held only in the seller's signed session, checked for its form before it names a
    folder, and bound to the seller it was made for; a path never comes from the request. What is
    not saved within STAGE_SECONDS is removed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()

    def stage(self, who: str, photos: list[bytes]) -> str:
        """Clean JPEGs of `photos` (Refused on the first bad one: nothing kept) → a new key."""
        jpegs = [checked_jpeg(data) for data in photos[:MAX_PHOTOS_PER_SAVE]]
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._expire()
            place = self.folder / key
            place.mkdir(mode=0o700, parents=True)
            for n, data in enumerate(jpegs):
                write_atomic(place / f"{n}.jpg", data, mode=0o600)
            write_atomic(place / "owner", who.encode("utf-8"), mode=0o600)  # last: marks it complete
        return key

    def get(self, key: object, who: str) -> list[bytes]:
        place = self._place(key)
        with self._lock:
            self._expire()
            try:
                if place is None or (place / "owner").read_bytes().decode("utf-8") != who:
                    return []
                return [(place / f"{n}.jpg").read_bytes() for n in range(len(list(place.glob("*.jpg"))))]
            except OSError:
                return []

    def drop(self, key: object) -> None:
        place = self._place(key)
        if place is not None:
            with self._lock:
                shutil.rmtree(place, ignore_errors=True)

    def _place(self, key: object) -> Path | None:
        if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z0-9_-]{22}", key):
            return None
        return self.folder / key

    def _expire(self) -> None:
        if not self.folder.is_dir():
            return
        now = time.time()
        for place in self.folder.iterdir():
            try:
                old = now - place.stat().st_mtime > STAGE_SECONDS
            except OSError:
                continue
            if old:
                shutil.rmtree(place, ignore_errors=True)


CARDS_IGNORE = "/edit-cards.html"


def ignore_cards(root: Path) -> None:
    """The sheet of sign-in cards is a set of keys: in a market that is a git repository, make sure
    its .gitignore names it (added when missing, the rest of the file kept as it is)."""
    if not (root / ".git").exists():
        return
    ignore = root / ".gitignore"
    text = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
    lines = {line.strip() for line in text.splitlines()}
    if CARDS_IGNORE in lines or CARDS_IGNORE.lstrip("/") in lines:
        return
    if text and not text.endswith("\n"):
        text += "\n"
    ignore.write_text(text + CARDS_IGNORE + "\n", encoding="utf-8")
