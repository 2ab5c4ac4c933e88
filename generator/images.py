"""Photos, minimal step: EXIF-rotated, metadata stripped, one phone-friendly JPEG, cached.

The photo-pipeline work replaces `encode_photo` and `PhotoSettings` with several widths
and WebP; the seam stays: tasks take bytes and settings and return bytes, run on any
`concurrent.futures.Executor`, and are cached by content hash outside the output.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import warnings
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .errors import WARNING, Problem, problem
from .values import slugify

log = logging.getLogger(__name__)

Image.MAX_IMAGE_PIXELS = 120_000_000  # 120 MP: above any phone camera, below a decompression bomb
MAX_PHOTO_BYTES = 40 * 1024 * 1024


@dataclass(frozen=True)
class PhotoSettings:
    width: int = 960
    quality: int = 78

    @property
    def key(self) -> str:
        return f"jpeg-w{self.width}-q{self.quality}-v1"


@dataclass(frozen=True)
class ImageTask:
    """Plain data for one photo: where to read, where the result is cached, how to make it."""

    source: str
    digest: str
    settings: PhotoSettings


@dataclass(frozen=True)
class Picture:
    """A processed photo as templates use it."""

    file: str  # file name inside the seller's photo output folder
    width: int
    height: int
    alt: str = ""


def digest_file(path: Path, settings: PhotoSettings) -> str:
    """Content hash of the photo and the settings that shape its output."""
    h = hashlib.blake2b(digest_size=10)
    h.update(settings.key.encode())
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def encode_photo(data: bytes, settings: PhotoSettings) -> tuple[bytes, int, int]:
    """Photo bytes → upright JPEG bytes without any metadata, at most `settings.width` wide."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as im:
            im.draft("RGB", (settings.width, settings.width))
            im = ImageOps.exif_transpose(im)
            im = _to_rgb(im)
            if im.width > settings.width:
                height = max(1, round(im.height * settings.width / im.width))
                im = im.resize((settings.width, height), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            # No exif=, icc_profile= or comment=: nothing of the phone's metadata is written.
            im.save(out, "JPEG", quality=settings.quality, optimize=True, progressive=True)
            return out.getvalue(), im.width, im.height


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode in ("RGBA", "LA", "P", "PA"):
        im = im.convert("RGBA")
        background = Image.new("RGB", im.size, (255, 255, 255))
        background.paste(im, mask=im.getchannel("A"))
        return background
    return im.convert("RGB") if im.mode != "RGB" else im


def probe_photo(data: bytes, settings: PhotoSettings) -> tuple[int, int]:
    """Decode at 1/8 scale (cheap) to find broken files without writing anything."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as im:
            im.draft("RGB", (im.width // 8 or 1, im.height // 8 or 1))
            im.load()
            w, h = ImageOps.exif_transpose(im).size
            return min(w, settings.width), h


def run_task(task: ImageTask, cache_dir: str | None) -> tuple[str, int, int] | str:
    """Process one photo into the cache; returns (cached file, width, height) or an error text.

    Without a cache folder (`lapak check`) the photo is only decoded, nothing is written.
    """
    if cache_dir is None:
        try:
            data = Path(task.source).read_bytes()
            if not data:
                return "photo.empty"
            w, h = probe_photo(data, task.settings)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
                Image.DecompressionBombWarning) as e:
            return _describe(e)
        return "", w, h
    target = Path(cache_dir) / f"{task.digest}.jpg"
    meta = target.with_suffix(".size")
    if target.is_file() and meta.is_file():
        w, h = meta.read_text().split()
        return str(target), int(w), int(h)
    try:
        data = Path(task.source).read_bytes()
        if not data:
            return "photo.empty"
        out, w, h = encode_photo(data, task.settings)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as e:
        return _describe(e)
    _write_atomic(target, out)
    _write_atomic(meta, f"{w} {h}".encode())
    return str(target), w, h


def _describe(e: Exception) -> str:
    if isinstance(e, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return "photo.too_many_pixels"
    if isinstance(e, Image.UnidentifiedImageError):
        return "photo.not_image"
    return str(e).split("\n")[0][:120] or type(e).__name__


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass
class ProcessedPhotos:
    """What the photo step hands the renderer and the writer."""

    pictures: dict[tuple[str, str], Picture]  # (seller folder, photo path) → Picture
    files: dict[tuple[str, str], str]  # (seller folder, photo path) → cached file to publish
    problems: list[Problem]


def process_photos(requests: list[tuple[str, str, str]], cache_dir: str | None, executor: Executor | None,
                   settings: PhotoSettings = PhotoSettings()) -> ProcessedPhotos:
    """Process every (seller folder, photo path, path for messages) once, in parallel."""
    result = ProcessedPhotos({}, {}, [])
    tasks = {}
    for folder, path, rel in dict.fromkeys(requests):
        source = Path(folder) / path
        try:
            if source.stat().st_size > MAX_PHOTO_BYTES:
                result.problems.append(problem(rel, None, "photo.too_big", WARNING))
                continue
            tasks[(folder, path, rel)] = ImageTask(str(source), digest_file(source, settings), settings)
        except OSError as e:
            result.problems.append(problem(rel, None, "photo.unreadable", WARNING, detail=e.strerror))
    keys = list(tasks)
    if executor is None:
        outcomes = [run_task(tasks[k], cache_dir) for k in keys]
    else:
        outcomes = list(executor.map(run_task, [tasks[k] for k in keys], [cache_dir] * len(keys)))
    for (folder, path, rel), outcome in zip(keys, outcomes):
        if isinstance(outcome, str):
            code, detail = (outcome, "") if outcome.startswith("photo.") else ("photo.unreadable", outcome)
            result.problems.append(problem(rel, None, code, WARNING, detail=detail))
            continue
        cached, w, h = outcome
        name = f"{slugify(Path(path).stem)[:60] or 'foto'}-{tasks[(folder, path, rel)].digest[:10]}.jpg"
        result.pictures[(folder, path)] = Picture(name, w, h)
        result.files[(folder, path)] = cached
    return result
