"""When each seller last changed their shop: from the git history of the market when there is
one (a fresh clone gives every file today's time, so file times would say nothing), else from
the times of the seller's files."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from generator.core.models import Market
from generator.load.values import slugify


@dataclass(frozen=True)
class SellerChanges:
    last: dict[str, date | None]  # slug → day of the last change (None: no file at all)
    weeks: dict[str, frozenset[date]] = field(default_factory=dict)  # slug → Mondays of weeks with a commit
    from_git: bool = False  # the market is in a git repository with commits under it


def seller_folders(root: Path, market: Market) -> dict[str, Path]:
    """Every seller folder by its slug (the folder itself for a single shop)."""
    if market.single_shop:
        return {market.seller_slugs[0]: root} if market.seller_slugs else {}
    wanted = set(market.seller_slugs)
    folders: dict[str, Path] = {}
    sellers = root / "sellers"
    for name in sorted(os.listdir(sellers)) if sellers.is_dir() else ():
        slug = slugify(name)
        if slug in wanted and slug not in folders and (sellers / name).is_dir():
            folders[slug] = sellers / name
    return folders


def seller_changes(root: Path, market: Market) -> SellerChanges:
    """The last change of every seller: git history for the sellers it knows, file times for
    the others (a folder never committed). One `git log` for the whole market."""
    root = root.resolve()
    folders = seller_folders(root, market)
    history = _git_history(root, market, folders)
    last: dict[str, date | None] = {}
    weeks: dict[str, frozenset[date]] = {}
    for slug in market.seller_slugs:
        days = history.get(slug) if history else None
        if days:
            last[slug] = max(days)
            weeks[slug] = frozenset(d - timedelta(days=d.weekday()) for d in days)
        else:
            folder = folders.get(slug)
            last[slug] = _newest_file_day(folder) if folder else None
            weeks[slug] = frozenset()
    return SellerChanges(last, weeks, from_git=bool(history))


def _git_history(root: Path, market: Market, folders: dict[str, Path]) -> dict[str, set[date]] | None:
    """slug → the days of its commits, read from one `git log` (None: not a git repository),
    and of its files changed since the last commit (edited in `lapak edit` and not committed
    yet: their file times), from one `git ls-files`."""
    log = _git(root, "log", "--relative", "--name-only", "--no-renames", "--format=%x01%ct")
    if log is None:
        return None
    by_folder = {p.name: slug for slug, p in folders.items()}
    single = market.seller_slugs[0] if market.single_shop and market.seller_slugs else None

    def owner(path: str) -> str | None:
        if single:
            return single
        parts = path.split("/", 2)
        return by_folder.get(parts[1]) if len(parts) == 3 and parts[0] == "sellers" else None

    history: dict[str, set[date]] = {}
    day: date | None = None
    for line in log.splitlines():
        if line.startswith("\x01"):
            day = datetime.fromtimestamp(int(line[1:])).date()
        elif line and day is not None and (slug := owner(line)):
            history.setdefault(slug, set()).add(day)
    if history:
        for path in (_git(root, "ls-files", "-z", "--modified", "--exclude-standard") or "").split("\0"):
            slug = owner(path) if path else None
            try:
                when = os.stat(root / path).st_mtime if slug else None
            except OSError:  # deleted since the last commit
                continue
            if slug and when is not None and slug in history:
                history[slug].add(datetime.fromtimestamp(when).date())
    return history


def _git(root: Path, *args: str) -> str | None:
    """A git command's output in `root` (None: git is missing or `root` is in no repository)."""
    try:
        run = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:  # git is not installed
        return None
    return run.stdout if run.returncode == 0 else None


def _newest_file_day(folder: Path) -> date | None:
    """The day of the newest file in a seller's folder (hidden files and folders left out)."""
    newest = 0.0
    for here, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            try:
                newest = max(newest, os.stat(os.path.join(here, name)).st_mtime)
            except OSError:
                continue
    return datetime.fromtimestamp(newest).date() if newest else None
