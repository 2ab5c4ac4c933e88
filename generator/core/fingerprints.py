"""Digests: of plain data (what a page or a card was made from), of folder trees (what a
build read), and of Lapak's own code (what a new Lapak must do again)."""

from __future__ import annotations

import hashlib
import os
import time
from functools import lru_cache
from pathlib import Path

from generator import __version__

SETTLED_SECONDS = 2.0
SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".lapak-cache", "output"}
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole of Lapak's code


def fingerprint(*parts) -> str:
    """A short digest of plain data (its repr: models are frozen dataclasses of text and numbers)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def by_identity(table: dict, obj, compute, limit: int):
    """`compute(obj)`, remembered while the very same object comes back (the models of unchanged
    files are the same objects from one rebuild of `lapak serve` to the next)."""
    known = table.get(id(obj))
    if known is None or known[0] is not obj:
        if len(table) > limit:
            table.clear()
        known = table[id(obj)] = (obj, compute(obj))
    return known[1]


def tree_signature(*folders: str | Path) -> str:
    """Digest of every file's path, size and modification time under `folders` (no file is read)."""
    return tree_stats(*folders)[0]


def tree_stats(*folders: str | Path, exclude: tuple[Path, ...] = ()) -> tuple[str, bool]:
    """`tree_signature`, and whether every file was already older than `SETTLED_SECONDS` (a file
    saved again within the same clock tick could otherwise look unchanged: such a tree is
    looked at again next time, as git does)."""
    h = hashlib.blake2b(digest_size=16)
    newest = 0
    skipped = {str(p) for p in exclude}
    for folder in folders:
        h.update(f"\0{folder}\0".encode("utf-8", "surrogateescape"))
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(
                d for d in dirnames if d not in SKIPPED_DIRS and os.path.join(dirpath, d) not in skipped
            )
            for name in sorted(filenames):
                if name.startswith(".lapak-") or os.path.join(dirpath, name) in skipped:
                    continue  # Lapak's own bookkeeping (a single shop's lock file sits in its folder)
                try:
                    st = os.stat(os.path.join(dirpath, name))
                except OSError:
                    continue
                newest = max(newest, st.st_mtime_ns)
                h.update(f"{dirpath}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest(), time.time() - newest / 1e9 > SETTLED_SECONDS


@lru_cache(maxsize=1)
def code_signature() -> str:
    """Lapak's version and its own code: what a new Lapak loaded or built is done again."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return f"{__version__}:{h.hexdigest()}"
