#!/usr/bin/env python3
"""Two checkouts of Lapak, the same corpus, cold builds in interleaved rounds: is a change slower?

usage: python bench/compare.py BEFORE AFTER CORPUS [--rounds 5] [--work /dev/shm/lapak-compare]

BEFORE and AFTER are checkouts (e.g. `git worktree add /tmp/before <commit>`), each with its own
virtualenv in `.venv` (`python3 -m venv .venv && .venv/bin/pip install -e .`). CORPUS is a market
folder (the shared make_corpus.py makes one: `make_corpus.py CORPUS --sellers 10 --products 1000`).
Each round builds the corpus cold with BEFORE, then with AFTER (no output, no .lapak-cache, no
compiled templates), so a slow spell of a shared machine weighs on both alike; the verdict is
the median of the per-round ratios, with their spread beside it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path


def cold_build(repo: Path, corpus: Path, work: Path) -> float:
    out, cache = work / f"out-{repo.name}", work / f"xdg-{repo.name}"
    for folder in (out, cache, corpus / ".lapak-cache"):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [str(repo / ".venv" / "bin" / "python"), "-m", "generator", "build", str(corpus), "--out", str(out)],
        check=True,
        capture_output=True,
        env=dict(os.environ, XDG_CACHE_HOME=str(cache)),
        cwd=work,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/lapak-compare"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    times: dict[str, list[float]] = {"before": [], "after": []}
    for i in range(args.rounds):
        for side, repo in (("before", args.before), ("after", args.after)):
            times[side].append(cold_build(repo.resolve(), args.corpus.resolve(), args.work))
        ratio = times["after"][-1] / times["before"][-1]
        print(f"round {i + 1}: before {times['before'][-1]:.2f} s, after {times['after'][-1]:.2f} s, ratio {ratio:.3f}")
    ratios = [a / b for a, b in zip(times["after"], times["before"])]
    print(
        f"median: before {statistics.median(times['before']):.2f} s, after {statistics.median(times['after']):.2f} s;"
        f" after/before per round: median {statistics.median(ratios):.3f}"
        f" (min {min(ratios):.3f}, max {max(ratios):.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
