#!/usr/bin/env python3
"""`lapak check` speed beside the build: S sellers × P products (text only).

Usage: python bench/check.py [--sellers 2500] [--products 20] [--corpus DIR] [--jobs N]

Makes the corpus with ../shared/bench/make_corpus.py under /dev/shm (or uses --corpus, a
copy of which is made there), then times, each in a fresh process:
  1. a cold `lapak build` (no cache, no output);
  2. `lapak check` right after it (says again what the build found of unchanged sellers);
  3. `lapak check` again (what the last check found);
  4. a cold `lapak check` (cache and output removed first).
The goal (issue 18): 2 and 3 ≤ 2 s at 2,500 × 20, and 4 ≤ 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_SCRIPT = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"
SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path("/tmp")


def timed(args: list[str], jobs: int | None) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "generator", *args] + (["--jobs", str(jobs)] if jobs and args[0] == "build" else [])
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE.parent)
    return time.perf_counter() - start, done.returncode


def settle(root: Path) -> None:
    """Files made a minute older: a file saved within the last 2 s is always read again."""
    old = time.time() - 60
    for dirpath, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(dirpath, name), (old, old))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sellers", type=int, default=2500)
    ap.add_argument("--products", type=int, default=20)
    ap.add_argument("--corpus", type=Path, help="an existing corpus to copy instead of making one")
    ap.add_argument("--jobs", type=int)
    args = ap.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="lapak-check-", dir=SCRATCH))
    corpus = scratch / "market"
    try:
        if args.corpus:
            shutil.copytree(args.corpus, corpus, ignore=shutil.ignore_patterns(".lapak-cache", "output"))
        else:
            subprocess.run(
                [
                    sys.executable,
                    str(CORPUS_SCRIPT),
                    str(corpus),
                    "--sellers",
                    str(args.sellers),
                    "--products",
                    str(args.products),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        settle(corpus)
        print(f"corpus: {corpus} (load average {os.getloadavg()[0]:.2f})")
        for label, cmd, clean in (
            ("cold build", ["build", str(corpus)], True),
            ("check after build", ["check", str(corpus)], False),
            ("check after check", ["check", str(corpus)], False),
            ("cold check", ["check", str(corpus)], True),
        ):
            if clean:
                for name in (".lapak-cache", "output"):
                    shutil.rmtree(corpus / name, ignore_errors=True)
            seconds, code = timed(cmd, args.jobs)
            print(f"{label:18} {seconds:7.2f} s  (exit {code})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
