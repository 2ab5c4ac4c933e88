"""What each shop's output was made from, so a rebuild renders and writes only what changed.

Two levels, cheapest first:

1. A seller whose folder (every file's name, size and time), theme files, market settings and
   Lapak itself are as they were at the last build, and whose output files are as Lapak left
   them, is not loaded at all: its pages stand and its last problems are reported again.
2. Otherwise the seller is loaded and every page gets a key, a digest of exactly what it shows
   (`Renderer.shop_plan`); a page whose key is unchanged and whose file is as Lapak left it is
   neither rendered nor written.

The state is one small file per seller and output folder in the project's cache folder
(`.lapak-cache/builds/`), never in the published output. Losing it costs one full build.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .memo import code_signature, tree_signature, tree_stats  # noqa: F401 - the build's signatures, in one place
from .writer import write_file



@dataclass
class ShopState:
    """One shop's last successful build into one output folder."""

    inputs: str  # signature of everything the shop was built from
    files: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # path → (key, size, mtime_ns)
    problems: list[Problem] = field(default_factory=list)  # reported again while the shop is kept
    products: int = 0


_LIVE: dict[str, tuple[int, ShopState]] = {}  # state file → (its mtime, the state), in this process


class Tracker:
    """The states of one output folder's shops: read at the start of a build, saved per shop."""

    def __init__(self, cache: Path, out: Path):
        key = hashlib.blake2b(str(out).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
        self.folder = cache / "builds" / key
        self.out = out

    def _path(self, slug: str) -> Path:
        return self.folder / f"{slug or '_'}.state"

    def load(self, slug: str) -> ShopState | None:
        path = self._path(slug)
        try:
            mtime = os.stat(path).st_mtime_ns
            live = _LIVE.get(str(path))
            if live and live[0] == mtime:
                return live[1]
            with open(path, "rb") as f:
                state = pickle.load(f)
        except Exception:  # noqa: BLE001 - a missing, old or damaged state only costs a full build
            return None
        if not isinstance(state, ShopState):
            return None
        _LIVE[str(path)] = (mtime, state)
        return state

    def save(self, slug: str, state: ShopState) -> None:
        path = self._path(slug)
        write_file(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        _LIVE[str(path)] = (os.stat(path).st_mtime_ns, state)

    def forget(self, slug: str) -> None:
        try:
            self._path(slug).unlink()
        except OSError:
            pass

    @staticmethod
    def intact(target: Path, files: dict[str, tuple[str, int, int]]) -> dict[str, str]:
        """The keys of the files in `target` that are still exactly as Lapak wrote them."""
        fresh, top = {}, f"{target}/"
        for rel, (key, size, mtime) in files.items():
            try:
                st = os.stat(top + rel)
            except OSError:
                continue
            if st.st_size == size and st.st_mtime_ns == mtime:
                fresh[rel] = key
        return fresh

    @staticmethod
    def stamp(target: Path, keys: dict[str, str]) -> dict[str, tuple[str, int, int]]:
        """Each written file's key with its size and time, to notice later if someone changed it."""
        files, top = {}, f"{target}/"
        for rel, key in keys.items():
            try:
                st = os.stat(top + rel)
            except OSError:
                continue
            files[rel] = (key, st.st_size, st.st_mtime_ns)
        return files
