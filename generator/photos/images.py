"""The photo step: every requested photo processed once, in parallel, cached by content hash.

Shaped like Zola's image processor: the build asks for each photo (with a link-preview
image or favicon icons where it needs them) and gets `Picture`s — file names, widths,
heights, placeholder colour — that the renderer turns into `<picture>` markup. Work goes
through one `concurrent.futures.Executor` seam; a task takes photo bytes and an
`EncodeSpec` and returns an `Encoded` (plain data both ways), so it can run on a process
pool today and on Dask's `Client.get_executor()` later. Only this module writes the cache
(`.lapak-cache/photos/`); publishing the files is the writer's job.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import warnings
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.core import caches
from generator.core.atomic import write_atomic
from generator.core.errors import WARNING, Problem, problem
from generator.core.models import Picture
from generator.load.paths import DRAWING_SUFFIXES
from generator.load.values import slugify
from generator.photos.imagecodec import (
    JPEG_NAME,
    OG_NAME,
    Encoded,
    EncodeSpec,
    encode_photo,
    icon_name,
    probe_photo,
    webp_name,
)
from generator.photos.imagemath import fallback_width, scaled_height, target_widths

log = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 40 * 1024 * 1024
PIPELINE_VERSION = "2"  # bump when the encoder's output changes for the same settings
ICON_SIZES = (32, 180, 192, 512)
PROGRESS_FROM = 20  # photos to process before a progress bar is worth showing
MEMO_FILE = "digests.json"


@dataclass(frozen=True)
class PhotoSettings:
    """The pipeline's settings: part of every cache key, so a change reprocesses."""

    spec: EncodeSpec = EncodeSpec()
    icon_sizes: tuple[int, ...] = ICON_SIZES

    def spec_for(self, og: bool, icons: bool) -> EncodeSpec:
        return replace(self.spec, og=og, icons=self.icon_sizes if icons else ())


@dataclass(frozen=True)
class PhotoRequest:
    """The build asks for one seller's photo (a product's first photo also wants an OG image)."""

    folder: str  # the seller's folder
    path: str  # the photo, relative to it
    rel: str  # the photo's path as messages show it
    og: bool = False
    icons: bool = False


@dataclass
class ProcessedPhotos:
    """What the photo step hands the renderer and the writer."""

    pictures: dict[tuple[str, str], Picture]  # (seller folder, photo path) → Picture
    files: dict[tuple[str, str], dict[str, str]]  # (seller folder, photo path) → {file name: cached file}
    problems: list[Problem]
    processed: int = 0  # photos encoded in this run (0 on a warm rebuild)


def make_picture(stem: str, key: str, encoded: Encoded, spec: EncodeSpec) -> Picture:
    """Names and sizes of a photo's published files, from its upright size alone."""
    base = f"{slugify(stem)[:60] or 'foto'}-{key[:10]}"
    widths = target_widths(encoded.width, spec.widths)
    fw = fallback_width(widths, spec.jpeg_width)
    return Picture(
        file=base + JPEG_NAME,
        width=fw,
        height=scaled_height(encoded.width, encoded.height, fw),
        sources=tuple((base + webp_name(w), w) for w in widths),
        color=encoded.color,
        og=base + OG_NAME if spec.og else "",
        icons=tuple((size, base + icon_name(size)) for size in spec.icons),
    )


def cache_key(digest: str, spec: EncodeSpec) -> str:
    """Content hash + settings → the name of a photo's cache entry (and of its published files)."""
    return hashlib.sha256(f"{digest}|{spec!r}|{PIPELINE_VERSION}".encode()).hexdigest()[:24]


class DigestMemo:
    """Content hashes of photos remembered by their file's identity (size, mtime, ctime, inode).

    Hashing 100 phone photos (500 MB) costs about a second; a warm rebuild looks them up.
    A changed file always gets a new ctime, so a stale hash is never used.
    """

    def __init__(self, cache_dir: str | None):
        self.path = Path(cache_dir) / MEMO_FILE if cache_dir else None
        self.entries: dict[str, list] = {}
        self.changed = False
        if self.path:
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.entries = {}

    def digest(self, source: Path, st: os.stat_result) -> tuple[str, bytes | None]:
        """(content hash, file bytes when they had to be read)."""
        ident = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        known = self.entries.get(str(source))
        if isinstance(known, list) and known[:4] == ident:
            return known[4], None
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        self.entries[str(source)] = ident + [digest]
        self.changed = True
        return digest, data

    def save(self) -> None:
        if self.path and self.changed:
            write_atomic(self.path, json.dumps(self.entries, sort_keys=True).encode())


@dataclass
class _Job:
    request: PhotoRequest
    spec: EncodeSpec
    key: str
    data: bytes | None = field(default=None, repr=False)


def process_photos(
    requests: Iterable[PhotoRequest],
    cache_dir: str | None,
    executor: Executor | None,
    settings: PhotoSettings = PhotoSettings(),
    write: bool = True,
) -> ProcessedPhotos:
    """Process every requested photo once (cache hits are free); `write=False` only checks them."""
    result = ProcessedPhotos({}, {}, [])
    memo = DigestMemo(cache_dir)
    wanted = _merge(requests)

    def misses(bar):
        """Hash and look up photos lazily, so the workers start while the rest are still hashed."""
        for request in wanted:
            job = _plan(request, memo, settings, result)
            found = _read_cache(cache_dir, job.key) if job else None
            if job and found is None:
                yield job
                continue
            if job:
                result.problems.extend(_noted(request, found[1]))
                _accept(job, found[0], cache_dir, result)
            bar.update(1)

    task = _encode if write else _probe
    for job, encoded in _run(misses, len(wanted), task, executor):
        notes = encoded.notes
        if encoded.error:  # said by Lapak: the decoder's own warnings about it add nothing
            result.problems.append(problem(job.request.rel, None, encoded.error, WARNING))
            continue
        result.problems.extend(_noted(job.request, notes))
        result.processed += 1
        if write and cache_dir:
            _store(cache_dir, job.key, encoded, notes)
        _accept(job, encoded, cache_dir if write else None, result)
    if write:
        memo.save()
    return result


def cached_photos(
    requests: Iterable[PhotoRequest], cache_dir: str, settings: PhotoSettings = PhotoSettings()
) -> ProcessedPhotos | None:
    """What `process_photos` gives when every photo is in the cache already, found without
    reading a photo or changing the digest memo (so several processes may ask at once).
    None as soon as one photo needs work (not hashed yet, not in the cache, or a problem to
    report): then `process_photos` does it all."""
    result = ProcessedPhotos({}, {}, [])
    entries = _known_digests(cache_dir)
    for request in _merge(requests):
        source = Path(request.folder) / request.path
        try:
            st = source.stat()
        except OSError:
            return None
        known = entries.get(str(source))
        if (
            st.st_size > MAX_PHOTO_BYTES
            or not isinstance(known, list)
            or known[:4] != [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        ):
            return None
        spec = settings.spec_for(request.og, request.icons)
        job = _Job(request, spec, cache_key(known[4], spec))
        found = _read_cache(cache_dir, job.key)
        if found is None or found[1]:  # not cached, or a warning to give: process_photos says it
            return None
        _accept(job, found[0], cache_dir, result)
    return result


_DIGESTS: dict[str, tuple[int, dict]] = caches.table(
    "images.digests"
)  # memo file → (its mtime, its entries), in this process


def _known_digests(cache_dir: str) -> dict:
    path = Path(cache_dir) / MEMO_FILE
    try:
        mtime = path.stat().st_mtime_ns
        known = _DIGESTS.get(str(path))
        if known is None or known[0] != mtime:
            known = _DIGESTS[str(path)] = (mtime, DigestMemo(cache_dir).entries)
        return known[1]
    except OSError:
        return {}


def _merge(requests: Iterable[PhotoRequest]) -> list[PhotoRequest]:
    """One request per photo file, wanting everything any of its uses wants."""
    merged: dict[tuple[str, str], PhotoRequest] = {}
    for r in requests:
        old = merged.get((r.folder, r.path))
        merged[(r.folder, r.path)] = r if old is None else replace(old, og=old.og or r.og, icons=old.icons or r.icons)
    return list(merged.values())


def _plan(request: PhotoRequest, memo: DigestMemo, settings: PhotoSettings, result: ProcessedPhotos) -> _Job | None:
    source = Path(request.folder) / request.path
    if source.suffix.lower() in DRAWING_SUFFIXES:  # a logo written as a file beside shop.yaml
        result.problems.append(problem(request.rel, None, "photo.svg", WARNING, file=source.name))
        return None
    try:
        st = source.stat()
        if st.st_size > MAX_PHOTO_BYTES:
            result.problems.append(problem(request.rel, None, "photo.too_big", WARNING))
            return None
        digest, data = memo.digest(source, st)
    except OSError as e:
        result.problems.append(
            problem(request.rel, None, "photo.unreadable", WARNING, detail=e.strerror or type(e).__name__)
        )
        return None
    spec = settings.spec_for(request.og, request.icons)
    return _Job(request, spec, cache_key(digest, spec), data)


def _encode(data: bytes, spec: EncodeSpec) -> Encoded:
    """Process-pool task: `encode_photo`, with what the decoder warned about (see _noting)."""
    return _noting(encode_photo, data, spec)


def _probe(data: bytes, spec: EncodeSpec) -> Encoded:
    return _noting(probe_photo, data)


def _noting(fn, *args) -> Encoded:
    """Run a photo task with Pillow's own warnings ("Corrupt EXIF data", …) caught, in whatever
    process runs it: they come back as text, to be told with the photo's name, instead of
    reaching the terminal as lines that name no file."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        encoded = fn(*args)
    notes = [str(w.message).strip() for w in caught if issubclass(w.category, UserWarning)]
    for w in caught:  # anything else (a deprecation, …) is not about the photo: shown as usual
        if not issubclass(w.category, UserWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return replace(encoded, notes=tuple(dict.fromkeys(n for n in notes if n)))


def _noted(request: PhotoRequest, notes) -> list[Problem]:
    """The decoder's warnings about a usable photo as one Lapak warning naming it."""
    if not notes:
        return []
    detail = "; ".join(notes[:3]) + ("; …" if len(notes) > 3 else "")
    exif = all(any(word in n.lower() for word in ("exif", "tag", "makernote")) for n in notes)
    return [
        problem(request.rel, None, "photo.exif_damaged" if exif else "photo.decoder_warning", WARNING, detail=detail)
    ]


def _run(misses, total: int, task, executor: Executor | None):
    """Yield (job, Encoded) as tasks finish, keeping only a few photos' bytes in flight."""
    bar = progress(total)
    jobs = misses(bar)
    try:
        if executor is None:
            for job in jobs:
                yield job, task(_take_bytes(job), job.spec)
                bar.update(1)
            return
        window = 2 * (
            getattr(executor, "count", None) or getattr(executor, "_max_workers", None) or os.cpu_count() or 1
        )
        running: dict[Future, _Job] = {}
        job = next(jobs, None)
        while job or running:
            while job and len(running) < window:
                running[executor.submit(task, _take_bytes(job), job.spec)] = job
                job = next(jobs, None)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: running[f].key):
                yield running.pop(future), future.result()
                bar.update(1)
    finally:
        bar.close()


def _take_bytes(job: _Job) -> bytes:
    data = job.data if job.data is not None else (Path(job.request.folder) / job.request.path).read_bytes()
    job.data = None  # let the bytes go once they are handed over
    return data


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def set_postfix_str(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def progress(total: int, unit: str = "foto"):
    """A progress bar on a terminal when there is much to do; silent otherwise (and in tests)."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True)


def _entry(cache_dir: str, key: str) -> Path:
    return Path(cache_dir) / key[:2] / key


def _read_cache(cache_dir: str | None, key: str) -> tuple[Encoded, tuple[str, ...]] | None:
    """A cached photo, with what the decoder warned about when it was made (said every build)."""
    if not cache_dir:
        return None
    try:
        meta = json.loads(_entry(cache_dir, key).with_suffix(".json").read_text(encoding="utf-8"))
        encoded = Encoded(meta["width"], meta["height"], meta["color"], tuple((s, b"") for s in meta["files"]))
        return encoded, tuple(str(n) for n in meta.get("notes", ()))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(cache_dir: str, key: str, encoded: Encoded, notes: tuple[str, ...] = ()) -> None:
    entry = _entry(cache_dir, key)
    for suffix, data in encoded.files:
        write_atomic(Path(f"{entry}{suffix}"), data)
    meta = {
        "width": encoded.width,
        "height": encoded.height,
        "color": encoded.color,
        "files": [s for s, _ in encoded.files],
    }
    if notes:
        meta["notes"] = list(notes)
    write_atomic(entry.with_suffix(".json"), json.dumps(meta, sort_keys=True).encode())  # last: marks it whole


def _accept(job: _Job, encoded: Encoded, cache_dir: str | None, result: ProcessedPhotos) -> None:
    request = job.request
    picture = make_picture(Path(request.path).stem, job.key, encoded, job.spec)
    result.pictures[(request.folder, request.path)] = picture
    if cache_dir:
        entry = _entry(cache_dir, job.key)
        base = picture.file.removesuffix(JPEG_NAME)
        result.files[(request.folder, request.path)] = {base + s: f"{entry}{s}" for s, _ in encoded.files}


def cached_bytes(cache: Path | None, name: str, make) -> bytes:
    """`make()`'s bytes, kept under `cache/name` so later builds read them instead."""
    if cache is not None:
        try:
            return (cache / name).read_bytes()
        except OSError:
            pass
    data = make()
    if cache is not None:
        try:
            write_atomic(cache / name, data)
        except OSError:
            pass  # a read-only project still builds; the bytes are just made again next time
    return data
