#!/usr/bin/env python3
"""Build-speed benchmark for trainers' markets: S sellers × P products (text only).

Usage: python bench/market.py [--sellers 500] [--products 20] [--jobs N] [--runs 3]

Makes the corpus with ../shared/bench/make_corpus.py under /dev/shm (tmpfs: this
machine's disk metadata is slow and erratic), runs `lapak build` in a fresh process
for a cold build and again for a rebuild, and prints wall time and peak memory
(max RSS of the build process and its workers). Numbers go in the closing note.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_SCRIPT = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"
SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path("/tmp")


def run_build(corpus: Path, out: Path, jobs: int | None) -> tuple[float, float]:
    """One `lapak build` in a child process: (seconds, peak MiB of the children so far)."""
    cmd = [sys.executable, "-m", "generator", "build", str(corpus), "--out", str(out)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sellers", type=int, default=500)
    ap.add_argument("--products", type=int, default=20)
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    corpus = SCRATCH / f"lapak-bench-{a.sellers}x{a.products}"
    if not corpus.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(CORPUS_SCRIPT),
                str(corpus),
                "--sellers",
                str(a.sellers),
                "--products",
                str(a.products),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    cold, warm, peak = [], [], 0.0
    for _ in range(a.runs):
        out = SCRATCH / "lapak-bench-out"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(corpus / ".lapak-cache", ignore_errors=True)
        seconds, rss = run_build(corpus, out, a.jobs)
        cold.append(seconds)
        seconds, rss = run_build(corpus, out, a.jobs)
        warm.append(seconds)
        peak = max(peak, rss)
    products = a.sellers * a.products
    print(
        f"# lapak build, {a.sellers} sellers × {a.products} products ({products} products), "
        f"{os.cpu_count()} cores, jobs={a.jobs or 'auto'}, median of {a.runs}"
    )
    print("| build | wall | products/s | peak RSS |")
    print("| --- | --- | --- | --- |")
    for name, values in (("cold", cold), ("rebuild, nothing changed", warm)):
        med = statistics.median(values)
        print(f"| {name} | {med:.2f} s | {products / med:,.0f} | {peak:.0f} MiB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
