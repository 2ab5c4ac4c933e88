#!/usr/bin/env python3
"""Judge the built example shops as the outside world would, and print one table.

Usage: python checks/run.py [OUT] [--skip-lighthouse]

Builds the examples (unless OUT is given and already built), then runs the shared
outside checkers (../shared/tools): the Nu Html Checker on every page, Lighthouse
(mobile) on a shop page and a product page of every example shop, `read-metadata
--check` for link previews and schema.org, and computes each product page's weight
(HTML + CSS + JS it loads, gzipped). Exit code 1 when a budget of DESIGN §5 is missed.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "tools"
WEIGHT_BUDGET = 14 * 1024
LH_TARGET = {"perf": 95, "a11y": 100, "best-pr": 100, "seo": 100}


def page_weight(page: Path) -> int:
    html = page.read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode(), 9))
    for ref in re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(
        r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html
    ):
        if "://" not in ref:
            total += len(gzip.compress((page.parent / ref).read_bytes(), 9))
    return total


def run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default=str(ROOT / "output"))
    ap.add_argument("--skip-lighthouse", action="store_true")
    ap.add_argument(
        "--site-url",
        default="https://pasar.contoh.id",
        help="address the examples are built for (link previews need absolute URLs)",
    )
    a = ap.parse_args()
    out = Path(a.out)
    built = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(ROOT), "--out", str(out), "--site-url", a.site_url], cwd=ROOT
    )
    if built.returncode:
        print("build failed", file=sys.stderr)
        return 1
    failed = False
    shops = sorted(p.parent.name for p in out.glob("*/index.html"))
    products = {
        s: sorted(
            p
            for p in (out / s).glob("*.html")
            if p.name not in ("index.html", "katalog.html", "keranjang.html", "404.html")
        )
        for s in shops
    }

    print("## Page weight (HTML + CSS + JS, gzipped; budget 14 KB)")
    print("| shop | product pages | heaviest | KB |")
    print("| --- | --- | --- | --- |")
    for shop in shops:
        weights = {p.name: page_weight(p) for p in products[shop]}
        name, heaviest = max(weights.items(), key=lambda kv: kv[1])
        failed |= heaviest > WEIGHT_BUDGET
        print(f"| {shop} | {len(weights)} | {name} | {heaviest / 1024:.1f} |")

    nu = run([str(TOOLS / "validate-html"), str(out), "--all"])
    summary = next((line for line in nu.stdout.splitlines() if line.startswith("vnu:")), nu.stdout.strip()[-200:])
    print(f"\n## Nu Html Checker\n{summary}")
    failed |= nu.returncode != 0

    meta = run([str(TOOLS / "read-metadata"), "--check", str(out)])
    lines = [line for line in (meta.stdout + meta.stderr).splitlines() if line.strip()]
    print("\n## Link previews and schema.org (read-metadata --check)")
    print("\n".join(lines[-12:]))
    failed |= meta.returncode != 0

    if not a.skip_lighthouse:
        paths = []
        for shop in shops:
            paths += [f"/{shop}/index.html", f"/{shop}/{products[shop][0].name}"]
        lh = run([str(TOOLS / "serve-and-lighthouse"), str(out), *paths])
        print("\n## Lighthouse (mobile)")
        rows = [line for line in lh.stdout.splitlines() if line.startswith("/")]
        print("| page | perf | a11y | best practices | SEO | LCP ms | bytes |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for line in rows:
            cells = line.split("\t")
            print("| " + " | ".join(cells) + " |")
            scores = dict(zip(["perf", "a11y", "best-pr", "seo"], (int(c) for c in cells[1:5])))
            failed |= any(scores[k] < v for k, v in LH_TARGET.items())
        if not rows:
            print(lh.stdout[-2000:] + lh.stderr[-2000:])
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
