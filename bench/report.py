#!/usr/bin/env python3
"""`lapak report` on a market of S sellers × P products with a synthetic git history.

Usage: python bench/report.py [--sellers 2500] [--products 5] [--weeks 26] [--keep] [--shared ../shared/bench]

Makes the corpus with the shared make_corpus.py under /dev/shm, commits it as it was half a
year ago, then one commit a week in which a changing share of the sellers edit their shop
(GIT_AUTHOR_DATE / GIT_COMMITTER_DATE set to that week), and times `lapak report` (the page)
and `lapak report --json` each in a fresh process. The issue's target: ≤ 5 s at 2,500 sellers.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path("/tmp")


def git(corpus: Path, *args: str, when: datetime | None = None) -> None:
    env = os.environ | {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
    subprocess.run(["git", "-c", "gc.auto=0", *args], cwd=corpus, env=env, check=True, stdout=subprocess.DEVNULL)


def make_history(corpus: Path, weeks: int) -> int:
    """The corpus committed `weeks` weeks ago, then one commit a week by some of its sellers."""
    rng = random.Random(1)
    now = datetime.now(UTC).replace(microsecond=0)
    git(corpus, "init", "-q")
    git(corpus, "add", "-A")
    git(corpus, "commit", "-q", "-m", "start", when=now - timedelta(weeks=weeks))
    sellers = sorted(p for p in (corpus / "sellers").iterdir() if p.is_dir())
    for week in range(weeks - 1, -1, -1):
        share = 0.05 + 0.25 * rng.random()
        for folder in rng.sample(sellers, int(len(sellers) * share)):
            with open(folder / "shop.yaml", "a", encoding="utf-8") as f:
                f.write(f"# minggu {weeks - week}\n")
        git(corpus, "commit", "-q", "-a", "-m", f"week {week}", when=now - timedelta(weeks=week, hours=1))
    return weeks + 1


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sellers", type=int, default=2500)
    ap.add_argument("--products", type=int, default=5)
    ap.add_argument("--weeks", type=int, default=26)
    ap.add_argument("--keep", action="store_true", help="leave the corpus and its report.html in place")
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared" / "bench")
    a = ap.parse_args()
    corpus = SCRATCH / f"lapak-bench-report-{a.sellers}x{a.products}"
    shutil.rmtree(corpus, ignore_errors=True)
    script = a.shared / "make_corpus.py"
    cmd = [sys.executable, str(script), str(corpus), "--sellers", str(a.sellers), "--products", str(a.products)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    commits = make_history(corpus, a.weeks)
    history = time.perf_counter() - start
    lapak = [sys.executable, "-m", "generator", "report", str(corpus)]
    page = timed(lapak)
    data = timed(lapak + ["--json"])
    size = (corpus / "report.html").stat().st_size
    print(f"# lapak report, {a.sellers} sellers × {a.products} products, {commits} commits, {os.cpu_count()} cores")
    print(f"(history made in {history:.1f} s)")
    print("| command | wall |")
    print("| --- | --- |")
    print(f"| lapak report (report.html, {size // 1024} KiB) | {page:.2f} s |")
    print(f"| lapak report --json | {data:.2f} s |")
    if not a.keep:
        shutil.rmtree(corpus, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
