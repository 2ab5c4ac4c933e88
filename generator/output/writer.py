"""The only module that writes to the output folder.

A shop is written into a fresh folder next to its target and swapped in whole (one atomic
exchange where the system has it), so a failed or killed build never leaves a half-written
shop; what a killed build left behind is finished or undone by the next one. Files Lapak did
not write (a `CNAME`, a verification file) are carried over; Lapak never deletes them. One
build at a time holds the output's lock.
"""

from __future__ import annotations

import ctypes
import errno
import json
import logging
import os
import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from generator.core.atomic import TMP_SUFFIX, replacing, write_atomic
from generator.core.errors import BuildError, problem

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: no advisory locks; a second build at once is not detected there
    fcntl = None

log = logging.getLogger(__name__)

MANIFEST = ".lapak-files.json"
STAGING_PREFIX = ".lapak-new-"
TRASH_PREFIX = ".lapak-old-"
GONE_PREFIX = ".lapak-gone-"  # a deleted seller's folder while Lapak removes its own files from it
LOCK_FILE = ".lapak-lock"


def check_output(root: Path, out: Path, ours=None) -> None:
    """Refuse an output folder whose replacement could destroy the project or a seller's files.

    `ours(name)`: whether Lapak would write an entry of that name at the output's top; a
    folder Lapak never built into is refused only when it holds such an entry (a host's own
    `CNAME`, `.nojekyll` or verification page is left alone). Without it, any visible entry."""
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
    if out.exists() and not out.is_dir():
        raise BuildError(problem("", None, "build.out_not_folder", out=str(out)))
    clash = _foreign_entry(out, ours)
    if clash:
        raise BuildError(problem("", None, "build.out_foreign", out=str(out), name=clash))


def _foreign_entry(out: Path, ours) -> str | None:
    """In a folder Lapak never built into, the first entry of someone's that a build would
    overwrite (None when there is none).

    Hidden entries (`.git`, `.nojekyll`) are fine: deploy tools put them there.
    """
    if not out.is_dir() or (out / MANIFEST).is_file():
        return None
    return next(
        (name for name in sorted(os.listdir(out)) if not name.startswith(".") and (ours is None or ours(name))), None
    )


@contextmanager
def output_lock(out: Path, single_shop: bool):
    """Hold the output's lock for one build; a second build on the same output is refused.

    A single shop's output is swapped whole, so its lock file sits next to it, not inside.
    """
    path = out.parent / f"{LOCK_FILE}-{out.name}" if single_shop else out / LOCK_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")  # noqa: SIM115 - held open for the whole build
    except OSError as e:
        raise BuildError(problem(str(out), None, "build.write_failed", detail=e.strerror or str(e))) from e
    try:
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                raise BuildError(problem("", None, "build.locked", out=str(out))) from e
        yield
    finally:
        handle.close()  # closing (or the process dying) releases the lock


def prepare_output(out: Path, single_shop: bool) -> None:
    """Under the lock: finish or undo whatever a killed build left, and mark the folder as Lapak's."""
    if single_shop:
        _recover(out.parent, {out.name})
        return
    out.mkdir(parents=True, exist_ok=True)
    _recover(out, None)
    for name in sorted(os.listdir(out)):
        if name.startswith(".") and name.endswith(TMP_SUFFIX):
            (out / name).unlink()
    if not (out / MANIFEST).is_file():
        write_file(out / MANIFEST, b"[]")  # a build killed before its end still owns what it wrote


def _recover(folder: Path, names: set[str] | None) -> None:
    """Leftovers of a killed build in `folder` (only for target `names`, when given)."""
    if not folder.is_dir():
        return
    for entry in sorted(os.listdir(folder)):
        for prefix in (STAGING_PREFIX, TRASH_PREFIX, GONE_PREFIX):
            name = entry[len(prefix) :] if entry.startswith(prefix) else None
            if not name or (names is not None and name not in names):
                continue
            leftover, target = folder / entry, folder / name
            if prefix == GONE_PREFIX:
                _finish_removal(leftover, target)
            elif prefix == TRASH_PREFIX and not target.exists():
                os.rename(leftover, target)  # killed between two renames: the old shop goes back
            else:
                # Staging is a half-written or already replaced shop; the foreign files in it
                # are copies of those in the live folder.
                _remove(leftover)


def read_manifest(folder: Path) -> set[str]:
    try:
        return set(json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return set()


def write_tree(target: Path, files: dict[str, bytes | str]) -> bool:
    """Write `files` (relative path → bytes, or path of a cached file) and swap them in for
    `target`; False when it already held exactly these."""
    if target.exists() and not target.is_dir():  # someone's file where the shop goes: never replace it
        raise BuildError(problem("", None, "build.out_not_folder", out=str(target)))
    if unchanged(target, files):
        return False  # a rebuild that changes nothing touches no file (editors, rsync and CDNs notice mtimes)
    _stage(target, files, set(files), keep_manifest=False)
    return True


def update_tree(target: Path, files: dict[str, bytes | str], names: set[str], atomic: bool = True) -> bool:
    """Bring an existing shop folder up to date: `files` holds what may have changed, `names`
    every file of the shop. Nothing changed: nothing is touched. Otherwise the new shop is made
    next to the old one, each unchanged file a hard link to the live one (no copy, same file,
    same time), and swapped in whole like a fresh one. Returns whether anything changed.

    `atomic=False` (the preview server, where a moment's mix of old and new pages harms no
    one) replaces just the changed files, each atomically, in the live folder."""
    changed = {rel: content for rel, content in files.items() if not _holds(target / rel, content)}
    before = read_manifest(target)
    if not changed and before == names:
        return False
    if atomic:
        _stage(target, changed, names, keep_manifest=before == names)
        return True
    try:
        for rel, content in sorted(changed.items()):
            with replacing(target / rel) as tmp:
                _put(tmp, content)
        for rel in sorted(before - names):
            if (target / rel).is_file():
                (target / rel).unlink()
        write_file(target / MANIFEST, json.dumps(sorted(names), indent=0).encode("utf-8"))
    except OSError as e:
        raise BuildError(problem(str(target), None, "build.write_failed", detail=e.strerror or str(e))) from e
    return True


def _stage(target: Path, files: dict[str, bytes | str], names: set[str], keep_manifest: bool) -> None:
    """Make the new shop next to `target` (`files` written, the rest of `names` hard-linked from
    the live shop, foreign files copied) and swap it in whole."""
    staging = target.parent / f"{STAGING_PREFIX}{target.name}"
    _remove(staging)
    staging.mkdir(parents=True)
    try:
        for rel in sorted(names - set(files)):
            _put(staging / rel, str(target / rel))
        for rel, content in sorted(files.items()):
            _put(staging / rel, content)
        if target.is_dir():
            _carry_foreign_files(target, staging, names)
        if keep_manifest:
            _put(staging / MANIFEST, str(target / MANIFEST))
        else:
            (staging / MANIFEST).write_text(json.dumps(sorted(names), indent=0), encoding="utf-8")
        _swap(staging, target)
    except OSError as e:
        _remove(staging)
        raise BuildError(problem(str(target), None, "build.write_failed", detail=e.strerror or str(e))) from e


def _holds(path: Path, content: bytes | str) -> bool:
    if isinstance(content, str):
        return _same_file(content, path)
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _same_file(cached: str, path: Path) -> bool:
    """A cached photo is named by its content: the same name and size is the same file."""
    try:
        return os.path.samefile(cached, path) or os.path.getsize(cached) == os.path.getsize(path)
    except OSError:
        return False


def unchanged(target: Path, files: dict[str, bytes | str]) -> bool:
    """True when `target` already holds exactly these files (by Lapak's manifest) with these bytes."""
    if not target.is_dir() or read_manifest(target) != set(files):
        return False
    try:
        for rel, content in files.items():
            path = target / rel
            if isinstance(content, bytes):
                if path.stat().st_size != len(content) or path.read_bytes() != content:
                    return False
            elif not os.path.samefile(content, path) and path.read_bytes() != Path(content).read_bytes():
                return False
    except OSError:
        return False
    return True


def _put(path: Path, content: bytes | str) -> None:
    try:
        _put_in(path, content)
    except FileNotFoundError:  # its folder is not there yet (asked only then: a shop has thousands of files)
        path.parent.mkdir(parents=True, exist_ok=True)
        _put_in(path, content)


def _put_in(path: Path, content: bytes | str) -> None:
    if isinstance(content, bytes):
        _write_bytes(path, content)
        return
    if not os.path.exists(content):
        raise OSError(errno.ENOENT, "missing", content)  # not the target folder that is missing
    try:
        os.link(content, path)  # cached photos and unchanged pages: a hard link costs no copy
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(content, path)


def _write_bytes(path: Path, content: bytes) -> None:
    """`path.write_bytes(content)` without Python's buffered file object (a third less time for
    each of a big shop's thousands of pages)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _carry_foreign_files(old: Path, new: Path, ours: set[str]) -> None:
    """Copy into `new` every file of `old` that Lapak did not write there."""
    written_before = read_manifest(old) | {MANIFEST}
    top = str(old)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if not d.startswith((STAGING_PREFIX, TRASH_PREFIX))]
        base = "" if dirpath == top else os.path.relpath(dirpath, top).replace(os.sep, "/") + "/"
        for name in filenames:
            rel = base + name
            if rel in written_before or rel in ours or (new / rel).exists():
                continue
            dest = new / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(os.path.join(dirpath, name), dest, follow_symlinks=False)


def _swap(staging: Path, target: Path) -> None:
    if target.exists() and _exchange(staging, target):
        _remove(staging)  # now the old shop
        return
    trash = target.parent / f"{TRASH_PREFIX}{target.name}"
    _remove(trash)
    if target.exists():
        os.rename(target, trash)
    os.rename(staging, target)
    _remove(trash)


_RENAME_EXCHANGE = 2  # Linux renameat2 flag; macOS renamex_np's RENAME_SWAP has the same value
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step; False where the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    elif hasattr(libc, "renamex_np"):
        result = libc.renamex_np(os.fsencode(a), os.fsencode(b), _RENAME_EXCHANGE)
    else:
        return False
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def remove_shop(target: Path) -> None:
    """Take a deleted seller's shop offline at once, then delete only the files Lapak wrote in it."""
    gone = target.parent / f"{GONE_PREFIX}{target.name}"
    _remove(gone)
    os.rename(target, gone)
    _finish_removal(gone, target)


def _finish_removal(gone: Path, target: Path) -> None:
    """Delete Lapak's files (the manifest last) from `gone`; anything else goes back to `target`."""
    for rel in sorted(read_manifest(gone)):
        path = gone / rel
        if path.is_file() or path.is_symlink():
            path.unlink()
    if (gone / MANIFEST).is_file():
        (gone / MANIFEST).unlink()
    for dirpath, _, _ in os.walk(gone, topdown=False):  # deepest first
        if not os.listdir(dirpath):
            os.rmdir(dirpath)
    if gone.exists() and not target.exists():
        os.rename(gone, target)  # files Lapak did not write stay where their owner put them


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def write_file(path: Path, content: bytes) -> bool:
    """One file, replaced atomically (readers see the old or the new file, never half);
    left alone (False) when it already holds these bytes."""
    try:
        if path.stat().st_size == len(content) and path.read_bytes() == content:
            return False
    except OSError:
        pass
    write_atomic(path, content)
    return True


def write_root(out: Path, files: dict[str, bytes], present: set[str]) -> bool:
    """Market-level files, the list of what Lapak owns, and removal of deleted sellers' folders.

    `present` holds the slug of every seller folder that still exists, built or skipped.
    """
    previous = read_manifest(out)
    changed = False
    for rel, content in sorted(files.items()):
        changed |= write_file(out / rel, content)
    for entry in sorted(previous):
        if entry.endswith("/"):
            slug = entry[:-1]
            if slug not in present and (out / slug / MANIFEST).is_file():
                remove_shop(out / slug)
                changed = True
        elif entry not in files and (out / entry).is_file():
            (out / entry).unlink()
            changed = True
    owned = set(files) | {f"{s}/" for s in present if (out / s / MANIFEST).is_file()}
    return write_file(out / MANIFEST, json.dumps(sorted(owned), indent=0).encode("utf-8")) or changed


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
    with replacing(target) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel in files:
            info = zipfile.ZipInfo(rel, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (out / rel).read_bytes())
    return len(files)
