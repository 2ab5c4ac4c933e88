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
    """slug → the days of its commits, read from one `git log` (None: not a git repository)."""
    try:
        run = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--relative", "--name-only", "--no-renames", "--format=%x01%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError:  # git is not installed
        return None
    if run.returncode != 0:
        return None
    by_folder = {p.name: slug for slug, p in folders.items()}
    single = market.seller_slugs[0] if market.single_shop and market.seller_slugs else None
    history: dict[str, set[date]] = {}
    day: date | None = None
    for line in run.stdout.splitlines():
        if line.startswith("\x01"):
            day = datetime.fromtimestamp(int(line[1:])).date()
            continue
        if not line or day is None:
            continue
        if single:
            slug = single
        else:
            parts = line.split("/", 2)
            if len(parts) < 3 or parts[0] != "sellers" or parts[1] not in by_folder:
                continue
            slug = by_folder[parts[1]]
        history.setdefault(slug, set()).add(day)
    return history


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
