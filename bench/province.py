#!/usr/bin/env python3
"""A province on paper: one cold build of a very large market, its time and its memory.

Usage: python bench/province.py [--sellers 20000] [--products 50] [--work /dev/shm/lapak-bench-province]
                                [--out DIR] [--shared ../shared/bench] [--businesses 4000000]
                                [--per-business 20] [--keep]

Makes SELLERS × PRODUCTS with the shared make_corpus.py (text only; reused when it is there),
then times one cold `lapak build` in a fresh process (all cores), sampling every 0.5 s the
resident memory of the whole process tree (the main process and its workers) from /proc.
`--out` puts the output elsewhere (a million pages do not fit beside the corpus in a small
tmpfs). Reports the wall time, the cost per product, the peak memory (the tree's and the main
process's), the output's size, and from the measured cost per product an estimate for
BUSINESSES × PER_BUSINESS products: on this machine, and on a cluster (`lapak build --dask`)
where the per-seller work spreads over the workers and the market's own pages (search,
lists, sitemaps) stay on one machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tree_rss(pid: int) -> tuple[int, int]:
    """(resident bytes of `pid` and every process under it, of `pid` alone), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * page
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total, rss.get(pid, 0)


def timed_build(corpus: Path, out: Path) -> dict:
    cmd = [sys.executable, "-m", "generator", "--lang", "en", "build", str(corpus), "--out", str(out), "--timings"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak_tree = peak_main = 0
    while proc.poll() is None:
        tree, main = tree_rss(proc.pid)
        peak_tree, peak_main = max(peak_tree, tree), max(peak_main, main)
        time.sleep(0.5)
    wall = time.perf_counter() - started
    output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
    return {"wall": wall, "code": proc.returncode, "peak_tree": peak_tree, "peak_main": peak_main, "log": output}


def du(path: Path) -> tuple[int, int]:
    files = size = 0
    for folder, _, names in os.walk(path):
        for name in names:
            files += 1
            try:
                size += os.stat(os.path.join(folder, name)).st_size
            except OSError:
                pass
    return files, size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sellers", type=int, default=20000)
    ap.add_argument("--products", type=int, default=50)
    ap.add_argument("--work", type=Path, default=Path("/dev/shm/lapak-bench-province"))
    ap.add_argument("--out", type=Path, help="output folder (default: WORK/output)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--businesses", type=int, default=4_000_000, help="micro businesses to estimate for")
    ap.add_argument("--per-business", type=int, default=20, help="products each, for the estimate")
    ap.add_argument("--serial", type=float, help="seconds of the build that stay on one machine (default: measured)")
    ap.add_argument("--keep", action="store_true", help="leave the output in place")
    a = ap.parse_args()
    corpus = a.work / f"market-{a.sellers}x{a.products}"
    out = a.out or a.work / "output"
    if not (corpus / "sellers").is_dir():
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(a.shared / "make_corpus.py"), str(corpus), "--sellers", str(a.sellers)]
            + ["--products", str(a.products)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"(corpus made in {time.perf_counter() - started:.0f} s)")
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(corpus / ".lapak-cache", ignore_errors=True)
    products = a.sellers * a.products
    cores = os.cpu_count() or 1
    print(f"# lapak build, {a.sellers:,} sellers × {a.products} products = {products:,} products, {cores} cores")
    run = timed_build(corpus, out)
    lines = run["log"].strip().splitlines()
    print(f"exit {run['code']}: {(lines[-1:] or [''])[0][:160]}")
    steps = {}
    for line in lines:
        if line.startswith("time per step: "):
            print(line)
            for part in line.removeprefix("time per step: ").split("; "):
                name, seconds, _ = part.rsplit(" ", 2)
                steps[name] = float(seconds)
    files, size = du(out)
    mib = 1024 * 1024
    per = run["wall"] / products
    print(f"wall {run['wall']:.0f} s ({per * 1e3:.2f} ms a product, {products / run['wall']:,.0f} products/s)")
    tree, main = run["peak_tree"] / mib, run["peak_main"] / mib
    print(f"peak memory: whole process tree {tree:,.0f} MiB, main process {main:,.0f} MiB")
    print(f"output: {files:,} files, {size / 1024**3:.1f} GiB")
    # The estimate: the whole cost scales with the products; on a cluster the per-seller part
    # divides by the workers, the market's own pages (measured apart: see --serial) do not.
    total = a.businesses * a.per_business
    here = per * total
    print(f"\nestimate for {a.businesses:,} businesses × {a.per_business} products = {total:,} products:")
    print(f"  this machine ({cores} cores): {here / 3600:.1f} h")
    measured = (
        a.serial
        if a.serial is not None
        else steps.get("market pages and search", 0.0) + steps.get("reading the market", 0.0)
    )
    serial = measured / products * total  # the market's own pages: one machine, whatever the cluster
    for workers in (16, 64, 256):
        cluster = serial + (here - serial) * cores / workers
        print(f"  {workers} worker cores: {cluster / 3600:.2f} h (of it {serial / 3600:.2f} h on one machine)")
    if not a.keep:
        shutil.rmtree(out, ignore_errors=True)
    return 0 if run["code"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
