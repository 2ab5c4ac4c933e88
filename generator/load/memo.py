"""A seller's product files as last loaded, remembered by content between builds (on disk in
the project's cache folder, and in memory while `lapak serve` runs): an unchanged file is
neither parsed as YAML nor rendered from Markdown again.

Keys are content digests, so a stale entry can never be used, only left unused; each save
keeps only what the last load used, so the memo never grows past the seller's own files.
A file's digest is taken from its size and time alone only when both are as recorded and the
file was already older than `SETTLED_SECONDS` then (an edit within the same clock tick as the
recording is read again, as git does).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path

from generator.core import caches
from generator.core.atomic import write_atomic
from generator.core.fingerprints import SETTLED_SECONDS, code_signature

VERSION = 1
_LIVE: dict[str, tuple[int, ProductMemo]] = caches.table(
    "memo.live", "seller"
)  # memo file → (its mtime, the memo), in this process
_PENDING: dict[str, ProductMemo] = {}  # memos to save when there is time
# A memo holds every product of its seller: a process keeps the most recently used few (a
# worker building 10,000 sellers would otherwise hold them all; a rebuild of `lapak serve` or
# `lapak edit` reads again only the sellers that changed, so a few are plenty).
LIVE_MEMOS = 64


def save_pending() -> None:
    """Save the memos whose saving was put off (the preview server calls this when idle)."""
    while _PENDING:
        _, memo = _PENDING.popitem()
        memo.save()


class ProductMemo:
    def __init__(self, path: Path | None = None):
        self.path = path
        self.stats: dict[str, tuple[int, int, str]] = {}  # file → (size, mtime_ns, digest), settled files
        self.files: dict[tuple, object] = {}  # (file, as shown, digest) → what reading it gave
        self.loads: dict[tuple, object] = {}  # (file, digest, entry, context…) → loaded product and problems
        self._used: set = set()
        self._changed = False
        self.last_read: tuple[str, bytes] | None = None  # (file, bytes) of the last file digest read
        self.changed: frozenset[str] | None = None

    @classmethod
    def open(cls, path: Path | None, changed: frozenset[str] | None = None) -> ProductMemo:
        """The memo at `path` (from this process's memory when the file has not changed since);
        `changed`: every file changed since the memo was last used, when known."""
        memo = cls._open(path)
        memo.changed = changed
        return memo

    @classmethod
    def _open(cls, path: Path | None) -> ProductMemo:
        if path is None:
            return cls()
        key = str(path)
        if key in _PENDING:  # newer than its file, which is not saved yet
            _PENDING[key]._used = set()
            return _PENDING[key]
        try:
            mtime = os.stat(path).st_mtime_ns
        except OSError:
            return cls(path)
        live = _LIVE.get(key)
        if live and live[0] == mtime:
            caches.put(_LIVE, key, live, LIVE_MEMOS)  # the most recently used stay
            live[1]._used = set()
            live[1]._changed = False
            return live[1]
        try:
            with open(path, "rb") as f:
                version, stats, files, loads = pickle.load(f)
        except Exception:  # noqa: BLE001 - an old or damaged memo only costs a full load
            return cls(path)
        memo = cls(path)
        if version == (VERSION, code_signature()):
            memo.stats, memo.files, memo.loads = stats, files, loads
            caches.put(_LIVE, key, (mtime, memo), LIVE_MEMOS)
        return memo

    def digest(self, path: str) -> str | None:
        """The content digest of a file (None when it cannot be read: the reader says why)."""
        known = self.stats.get(str(path))
        if known and self.changed is not None and path not in self.changed:
            return known[2]  # the watcher saw no change to it
        try:
            st = os.stat(path)
        except OSError:
            return None
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            return known[2]
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return None
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        self.last_read = (path, data)  # a miss reads it next: from here, not the disk again
        if time.time() - st.st_mtime_ns / 1e9 > SETTLED_SECONDS:
            self.stats[str(path)] = (st.st_size, st.st_mtime_ns, digest)
        else:
            self.stats.pop(str(path), None)  # just saved: read again next time
        self._changed = True
        return digest

    def bytes_read(self, path: str) -> bytes | None:
        """The bytes `digest` just read of `path`, once (None if it read another file since)."""
        last, self.last_read = self.last_read, None
        return last[1] if last and last[0] == path else None

    def get(self, table: dict, key, compute):
        """`table[key]`, computed (and remembered) on a miss."""
        self._used.add((id(table), key))
        try:
            return table[key]
        except KeyError:
            value = table[key] = compute()
            self._changed = True
            return value

    def save(self, later: bool = False) -> None:
        """Write what this load used (nothing when nothing new was learnt); `later`: when
        `save_pending()` is called."""
        if self.path is None:
            return
        if later:
            _PENDING[str(self.path)] = self
            return
        _PENDING.pop(str(self.path), None)
        stale = any((id(self.files), k) not in self._used for k in self.files) or any(
            (id(self.loads), k) not in self._used for k in self.loads
        )
        if not self._changed and not stale:
            return
        self.files = {k: v for k, v in self.files.items() if (id(self.files), k) in self._used}
        self.loads = {k: v for k, v in self.loads.items() if (id(self.loads), k) in self._used}
        used_files = {k[0] for k in self.files}
        self.stats = {k: v for k, v in self.stats.items() if k in used_files}
        data = pickle.dumps(
            ((VERSION, code_signature()), self.stats, self.files, self.loads), protocol=pickle.HIGHEST_PROTOCOL
        )
        try:
            write_atomic(self.path, data)
            caches.put(_LIVE, str(self.path), (os.stat(self.path).st_mtime_ns, self), LIVE_MEMOS)
        except OSError:
            pass  # a memo that cannot be saved only costs a full load next time
        self._changed = False
