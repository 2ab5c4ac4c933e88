"""Uploaded photos: decoded by the build's own photo code before anything is kept, then saved
upright, without metadata (a phone photo carries the seller's home position), as JPEG under a
name Lapak makes (`<product>-N.jpg`), never a name from the request."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from generator.photos import imagecodec

if TYPE_CHECKING:
    from PIL import Image as PILImage

MAX_UPLOAD_BYTES = 15 * 1024 * 1024  # one photo; a 12 MP phone JPEG is 3-6 MB, a browser-shrunk one far less
MAX_PHOTOS_PER_SAVE = 10
MAX_PIXELS = 50_000_000  # above any phone camera; a "bomb" (a tiny file of a huge picture) stops here
KEEP_SIDE = 2000  # the build makes ≤ 1200 px wide pictures; more is only disk


_REASONS = {
    "photo.empty": "edit.photo_not_image",
    "photo.not_image": "edit.photo_not_image",
    "photo.too_many_pixels": "edit.photo_too_many_pixels",
}


class Refused(Exception):
    """A photo that cannot be used; `code` names the message (the build's own photo.* sentences)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def checked_jpeg(data: bytes) -> bytes:
    """Upload bytes → a clean upright JPEG, or Refused."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise Refused("edit.photo_too_big")
    probe = imagecodec.probe_photo(data)  # the build's decoder, formats and limits
    if probe.error:
        raise Refused(_REASONS.get(probe.error, "edit.photo_broken"))
    if probe.width * probe.height > MAX_PIXELS:
        raise Refused("edit.photo_too_many_pixels")
    Image, ImageOps = imagecodec.Image, imagecodec.ImageOps
    try:
        im: PILImage.Image
        with Image.open(io.BytesIO(data), formats=imagecodec.FORMATS) as im:
            im.draft("RGB", (KEEP_SIDE, KEEP_SIDE))
            icc = im.info.get("icc_profile")  # kept: the build converts colours to sRGB with it
            im = ImageOps.exif_transpose(im)
            if im.mode in ("RGBA", "LA", "P", "PA"):
                im = imagecodec._flatten(im.convert("RGBA"))
            im = im.convert("RGB") if im.mode != "CMYK" else im
            im.thumbnail((KEEP_SIDE, KEEP_SIDE))
            out = io.BytesIO()
            # Only pixels (and the colour profile) go into the file: no EXIF, no GPS position.
            im.save(out, "JPEG", quality=88, optimize=True, **({"icc_profile": icc} if icc else {}))
    except (OSError, ValueError, SyntaxError, EOFError) as e:
        raise Refused("edit.photo_broken") from e
    return out.getvalue()


def photo_names(photos_dir: Path, stem: str, count: int) -> list[str]:
    """`count` free names `<stem>-N.jpg` in the seller's photo folder (N counting up from 1)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem):
        raise ValueError(stem)
    taken = {p.stem.lower() for p in photos_dir.iterdir()} if photos_dir.is_dir() else set()
    names: list[str] = []
    n = 1
    while len(names) < count:
        if f"{stem}-{n}" not in taken:
            names.append(f"{stem}-{n}.jpg")
        n += 1
    return names
