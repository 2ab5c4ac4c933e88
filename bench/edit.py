#!/usr/bin/env python3
"""`lapak edit`: what a seller's phone downloads, and how long a save takes to reach the page.

usage: python bench/edit.py [--sellers 2500] [--products 20] [--saves 5] [--work /dev/shm/lapak-bench-edit]
                            [--shared ../shared/bench]

1. Page weight: the product list and a product's form as a signed-in seller gets them, with the
   stylesheet and script they load, gzipped (target ≤ 30 KB for the first screen).
2. Save to served: on a market of SELLERS × PRODUCTS (the shared make_corpus.py; built once
   first, as a market is before sellers get their cards), a seller changes a product's price;
   timed from the POST of "Simpan" until the rebuilt product page under /situs/ shows the new
   price (target ≤ 1 s). The first save of the editor's process and the later ones apart. The
   market's own pages (shop lists, category pages, search) follow in the background: the time
   until they are rebuilt too is reported beside it, and each save waits for the last one's.
The editor runs in this process through Starlette's TestClient (no network).
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from starlette.testclient import TestClient  # noqa: E402

from generator.build import build  # noqa: E402
from generator.edit.app import App  # noqa: E402
from generator.edit.links import Throttle  # noqa: E402


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def signed_in(app: App, slug: str) -> TestClient:
    client = TestClient(app.asgi, base_url="http://127.0.0.1:8001")
    assert client.get(f"/k/{app.keys.new_link(slug)}", follow_redirects=True).status_code == 200
    return client


def form_values(client: TestClient, product: str) -> dict[str, str]:
    text = client.get(f"/produk/{product}").text
    values = {
        name: re.search(rf'name="{name}" value="([^"]*)"', text).group(1).replace("&#34;", '"')
        for name in ("nama", "harga", "stok", "kategori")
    }
    values["deskripsi"] = re.search(r"<textarea[^>]*>(.*?)</textarea>", text, re.S).group(1)
    values["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)
    values["dasar"] = re.search(r'name="dasar" value="([^"]*)"', text).group(1)
    return values


def page_weight(client: TestClient, product: str) -> dict[str, int]:
    weights = {}
    for name, path in (("product list", "/"), ("product form", f"/produk/{product}")):
        html = client.get(path).content
        assets = re.findall(rb'(?:href|src)="(/aset/[^"]+)"', html)
        weights[name] = gz(html) + sum(gz(client.get(a.decode()).content) for a in set(assets))
    return weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=2500)
    parser.add_argument("--products", type=int, default=20)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/lapak-bench-edit"))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "bench")
    args = parser.parse_args()
    corpus = args.work / f"market-{args.sellers}x{args.products}"
    if not corpus.is_dir():
        print(f"making {corpus} …", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                str(args.shared / "make_corpus.py"),
                str(corpus),
                "--sellers",
                str(args.sellers),
                "--products",
                str(args.products),
            ],
            check=True,
            capture_output=True,
        )
    shutil.rmtree(corpus / "output", ignore_errors=True)
    shutil.rmtree(corpus / ".lapak-cache", ignore_errors=True)
    shutil.rmtree(corpus / ".lapak-edit", ignore_errors=True)
    started = time.perf_counter()
    assert build(corpus).ok
    print(f"market built: {args.sellers} sellers × {args.products} products in {time.perf_counter() - started:.1f} s")
    app = App(corpus, throttle=Throttle(base_delay=0))
    seller = sorted(p.name for p in (corpus / "sellers").iterdir())[args.sellers // 2]
    # A product priced by itself (a variant's own price is what its page shows otherwise).
    product = next(
        p.stem
        for p in sorted((corpus / "sellers" / seller / "products").iterdir())
        if "variants:" not in p.read_text(encoding="utf-8")
    )
    client = signed_in(app, seller)
    for name, size in page_weight(client, product).items():
        print(f"{name}: {size / 1024:.1f} KB gzipped (HTML + the CSS and JS it loads; target ≤ 30 KB)")
    times, market = [], []
    for i in range(args.saves):
        app.market_settled.wait()  # a seller's save, not one queued behind the last save's market pages
        values = form_values(client, product)
        values["harga"] = f"{101 + i}rb"
        shown = f"Rp{101 + i}.000"
        started = time.perf_counter()
        page = client.post(f"/produk/{product}", data=values, follow_redirects=True)
        live = re.search(r'data-live href="([^"]+)"', page.text)
        assert live, page.text[:500]
        served = client.get(live.group(1)).text
        times.append(time.perf_counter() - started)
        app.market_settled.wait()
        market.append(time.perf_counter() - started)
        notes = re.findall(r'class="(?:notice|error|problem)"[^>]*>([^<]+)', page.text)
        assert shown in served, f"{shown} not on {live.group(1)}: {notes}"
    print(
        f"save → served: first {times[0]:.2f} s; later saves median {statistics.median(times[1:]):.2f} s "
        f"(each: {', '.join(f'{t:.2f}' for t in times)}; target ≤ 1 s)"
    )
    print(
        f"save → the market's own pages (shop lists, categories, search) rebuilt in the background: median "
        f"{statistics.median(market):.2f} s (each: {', '.join(f'{t:.2f}' for t in market)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
