"""Every change recorded, and the last one undone.

Each save keeps, per seller, a copy of every file as it was before (DIR/.lapak-edit/history/<slug>/);
"Batalkan" puts the last change's files back, refusing when one was changed again since. When
the market is a git repository each change (and each undo) is also one commit with a plain
message. A deleted product goes to DIR/.lapak-edit/trash/<slug>/, never away.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.edit.files import digest, write_atomic
from generator.edit.links import state_dir

log = logging.getLogger(__name__)
KEEP_CHANGES = 50  # per seller; older copies are dropped


@dataclass
class Change:
    """One save in progress: the files it touches, each snapshotted before it is written."""

    folder: Path  # the seller's folder
    entry: Path  # this change's history folder
    files: list[dict] = field(default_factory=list)

    def before(self, path: Path) -> None:
        """Keep `path` as it is now (or that it does not exist yet), before it is changed."""
        rel = path.relative_to(self.folder).as_posix()
        copy = None
        if path.is_file():
            copy = f"{len(self.files)}.before"
            shutil.copyfile(path, self.entry / copy)
        self.files.append({"path": rel, "before": copy})


class History:
    """The change journal of one market (a folder per seller)."""

    def __init__(self, root: Path):
        self.root = root
        self.git_top = _git_top(root)

    def _seller_dir(self, slug: str) -> Path:
        folder = state_dir(self.root) / "history" / slug
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def start(self, slug: str, folder: Path) -> Change:
        seller = self._seller_dir(slug)
        entry = seller / f"{time.time_ns():020d}.partial"
        entry.mkdir()
        return Change(folder, entry)

    def finish(self, slug: str, change: Change, message: str) -> None:
        """The files are written: record what they are now, name the change, commit it."""
        for item in change.files:
            path = change.folder / item["path"]
            item["after"] = digest(path.read_bytes()) if path.is_file() else None
        (change.entry / "change.json").write_text(json.dumps({"message": message, "files": change.files}))
        os.replace(change.entry, change.entry.with_suffix(""))
        self._prune(slug)
        self.commit([change.folder / f["path"] for f in change.files], f"{slug}: {message}")

    def abandon(self, change: Change) -> None:
        shutil.rmtree(change.entry, ignore_errors=True)

    def last(self, slug: str) -> tuple[Path, dict] | None:
        entries = sorted(p for p in self._seller_dir(slug).iterdir() if p.is_dir() and p.suffix == "")
        for entry in reversed(entries):
            try:
                return entry, json.loads((entry / "change.json").read_text())
            except (OSError, ValueError):
                continue
        return None

    def undo(self, slug: str, folder: Path, message: str) -> str | None:
        """Put back the files of the last change; returns its message, or None when there is
        nothing to undo. Raises Conflict when a file was changed again since."""
        found = self.last(slug)
        if found is None:
            return None
        entry, record = found
        for item in record["files"]:
            path = folder / item["path"]
            now = digest(path.read_bytes()) if path.is_file() else None
            if now != item.get("after"):
                raise Conflict(item["path"])
        for item in record["files"]:
            path = folder / item["path"]
            if item["before"]:
                write_atomic(path, (entry / item["before"]).read_bytes())
            elif path.is_file():
                self.trash(slug, path)
        shutil.rmtree(entry)
        self.commit([folder / f["path"] for f in record["files"]], f"{slug}: " + message.format(what=record["message"]))
        return record["message"]

    def trash(self, slug: str, path: Path) -> Path:
        """Move a file to the recoverable place instead of deleting it."""
        bin_ = state_dir(self.root) / "trash" / slug
        bin_.mkdir(parents=True, exist_ok=True)
        target = bin_ / f"{time.time_ns()}-{path.name}"
        os.replace(path, target)
        return target

    def _prune(self, slug: str) -> None:
        entries = sorted(p for p in self._seller_dir(slug).iterdir() if p.is_dir())
        for old in entries[:-KEEP_CHANGES]:
            shutil.rmtree(old, ignore_errors=True)

    def commit(self, paths: list[Path], message: str) -> None:
        """One git commit of exactly these paths (nothing else the trainer has staged)."""
        if not self.git_top:
            return
        rels = [os.path.relpath(p, self.git_top) for p in paths]
        try:
            _git(self.git_top, "add", "-A", "--", *rels)
            staged = _git(self.git_top, "diff", "--cached", "--name-only", "--", *rels).split("\n")
            staged = [s for s in staged if s]
            if staged:
                # --no-verify: a hook made for a developer's commits must not stop a seller's save.
                _git(
                    self.git_top, *_identity(self.git_top), "commit", "-q", "--no-verify", "-m", message, "--", *staged
                )
        except (OSError, subprocess.CalledProcessError) as e:
            log.warning("git commit failed: %s", getattr(e, "stderr", "") or e)


class Conflict(Exception):
    """A file of the change to undo was changed again since."""


def _git(top: str, *args: str) -> str:
    return subprocess.run(["git", "-C", top, *args], check=True, capture_output=True, text=True, timeout=60).stdout


def _git_top(root: Path) -> str | None:
    try:
        return _git(str(root), "rev-parse", "--show-toplevel").strip() or None
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None


def _identity(top: str) -> list[str]:
    """The trainer's git identity when set; otherwise commits are signed as Lapak."""
    try:
        _git(top, "config", "user.email")
        return []
    except (OSError, subprocess.CalledProcessError):
        return ["-c", "user.name=Lapak", "-c", "user.email=lapak@localhost"]
