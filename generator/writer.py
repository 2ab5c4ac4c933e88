"""The only module that writes to the output folder.

A shop is written into a fresh folder next to its target and swapped in whole, so a
failed or killed build never leaves a half-written shop. Files Lapak did not write (a
`CNAME`, a verification file) are carried over; Lapak never deletes them.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import zipfile
from pathlib import Path

from .errors import BuildError, problem

log = logging.getLogger(__name__)

MANIFEST = ".lapak-files.json"
STAGING_PREFIX = ".lapak-new-"
TRASH_PREFIX = ".lapak-old-"


def check_output(root: Path, out: Path) -> None:
    """Refuse an output folder whose replacement could destroy the project or a seller's files."""
    root, out = root.resolve(), out.resolve()
    bad = (
        out == Path(out.anchor)
        or out == root
        or root.is_relative_to(out)
        or out.is_relative_to(root / "sellers")
        or out.is_relative_to(root / "themes")
        or (out / "shop.yaml").exists()
        or (out / "lapak.yaml").exists()
        or (out / "sellers").is_dir()
    )
    if bad:
        raise BuildError(problem("", None, "build.out_unsafe", out=str(out)))


def read_manifest(folder: Path) -> set[str]:
    try:
        return set(json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return set()


def write_tree(target: Path, files: dict[str, bytes | str]) -> None:
    """Write `files` (relative path → bytes, or path of a cached file) and swap them in for `target`."""
    staging = target.parent / f"{STAGING_PREFIX}{target.name}"
    _remove(staging)
    staging.mkdir(parents=True)
    try:
        for rel, content in sorted(files.items()):
            _put(staging / rel, content)
        if target.is_dir():
            _carry_foreign_files(target, staging, set(files))
        (staging / MANIFEST).write_text(json.dumps(sorted(files), indent=0), encoding="utf-8")
        _swap(staging, target)
    except OSError as e:
        _remove(staging)
        raise BuildError(problem(str(target), None, "build.write_failed", detail=e.strerror or str(e))) from e


def _put(path: Path, content: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
        return
    try:
        os.link(content, path)  # cached photos: a hard link costs no copy
    except OSError:
        shutil.copyfile(content, path)


def _carry_foreign_files(old: Path, new: Path, ours: set[str]) -> None:
    """Copy into `new` every file of `old` that Lapak did not write there."""
    written_before = read_manifest(old) | {MANIFEST}
    for dirpath, dirnames, filenames in os.walk(old):
        dirnames[:] = [d for d in dirnames if not d.startswith((STAGING_PREFIX, TRASH_PREFIX))]
        for name in filenames:
            src = Path(dirpath) / name
            rel = src.relative_to(old).as_posix()
            if rel in written_before or rel in ours or (new / rel).exists():
                continue
            dest = new / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest, follow_symlinks=False)


def _swap(staging: Path, target: Path) -> None:
    trash = target.parent / f"{TRASH_PREFIX}{target.name}"
    _remove(trash)
    if target.exists():
        os.rename(target, trash)
    os.rename(staging, target)
    _remove(trash)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def write_file(path: Path, content: bytes) -> None:
    """One file, replaced atomically (readers see the old or the new file, never half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.lapak-tmp")
    tmp.write_bytes(content)
    os.replace(tmp, path)


def write_root(out: Path, files: dict[str, bytes], present: set[str]) -> None:
    """Market-level files, the list of what Lapak owns, and removal of deleted sellers' folders.

    `present` holds the slug of every seller folder that still exists, built or skipped.
    """
    previous = read_manifest(out)
    for rel, content in sorted(files.items()):
        write_file(out / rel, content)
    for entry in sorted(previous):
        if entry.endswith("/"):
            slug = entry[:-1]
            if slug not in present and (out / slug / MANIFEST).is_file():
                _remove(out / slug)
        elif entry not in files and (out / entry).is_file():
            (out / entry).unlink()
    owned = set(files) | {f"{s}/" for s in present if (out / s / MANIFEST).is_file()}
    write_file(out / MANIFEST, json.dumps(sorted(owned), indent=0).encode("utf-8"))


def internal(rel: str) -> bool:
    """Lapak's own bookkeeping files, never published."""
    return any(part.startswith((".lapak-", STAGING_PREFIX, TRASH_PREFIX)) for part in rel.split("/"))


def published_files(out: Path) -> list[str]:
    """Every file of the built site a host should serve, sorted (bookkeeping left out)."""
    files = []
    for dirpath, dirnames, filenames in os.walk(out):
        dirnames[:] = sorted(d for d in dirnames if not internal(d))
        for name in filenames:
            rel = (Path(dirpath) / name).relative_to(out).as_posix()
            if not internal(rel) and not name.endswith(".lapak-tmp"):
                files.append(rel)
    return sorted(files)


def write_zip(out: Path, target: Path) -> int:
    """The published site as one zip for any web host; same site → same bytes. Returns file count."""
    files = published_files(out)
    tmp = target.with_name(f".{target.name}.lapak-tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel in files:
            info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (out / rel).read_bytes())
    os.replace(tmp, target)
    return len(files)
