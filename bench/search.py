#!/usr/bin/env python3
"""Market search and first page at the market shape: S sellers × P products (default 2,500 × 20,
50,000 products).

Usage: python bench/search.py [--sellers 2500] [--products 20] [--query "keripik singkong"] [--out DIR]
                              [--delay 150 | --paste] [--wait 500]

Makes the corpus with ../shared/bench/make_corpus.py under /dev/shm and builds it (once: an
existing output is reused), then prints:
- the first market page: bytes, gzipped bytes, elements (what Lighthouse's DOM size counts);
- the search index: manifest size, shard count and largest shard, record files, the bounds file;
- a search typed (or pasted: --paste) into the market page --wait ms after the page loaded, in
  headless Chromium (/usr/bin/chromium) served from localhost, with Lighthouse's mobile
  throttling through CDP (4× CPU slowdown; slow 4G: 562.5 ms round trip, 1.47 Mbit/s down,
  675 kbit/s up): the time from the last key (or the paste) to the results shown, and the bytes
  the query downloaded (the page's own load not counted, nor the bounds file, which the page
  asks for once it is idle: its size and when it came are printed).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
# make_corpus.py in a shared/bench/ folder beside the repository (or beside a folder holding it)
CORPUS_SCRIPT = next(
    (p / "shared/bench/make_corpus.py" for p in HERE.parents if (p / "shared/bench/make_corpus.py").is_file()),
    HERE.parent.parent / "shared/bench/make_corpus.py",
)
SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path("/tmp")
SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1474.56 * 1024 / 8,
    "uploadThroughput": 675 * 1024 / 8,
}


class _Count(HTMLParser):
    count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1


def page_figures(out: Path) -> None:
    html = (out / "index.html").read_bytes()
    parser = _Count()
    parser.feed(html.decode("utf-8"))
    print(f"index.html: {len(html):,} B, {len(gzip.compress(html, 9)):,} B gzipped, {parser.count} elements")
    records = list((out / "assets/cari").glob("r-*.js"))
    shards = [p for p in (out / "assets/cari").glob("*.js") if p not in records]
    bounds = out / "assets/cari/awal-nama.js"
    shards = [p for p in shards if p != bounds]
    biggest = max(shards, key=lambda p: p.stat().st_size)
    print(
        f"search-index.js: {(out / 'search-index.js').stat().st_size:,} B; {len(shards)} shards, "
        f"largest {biggest.name} {biggest.stat().st_size:,} B, total {sum(p.stat().st_size for p in shards):,} B; "
        f"{len(records)} record files, largest {max(p.stat().st_size for p in records):,} B"
    )
    if bounds.is_file():
        data = bounds.read_bytes()
        print(f"awal-nama.js (bounds): {len(data):,} B, {len(gzip.compress(data, 9)):,} B gzipped")


def search_figures(out: Path, query: str, delay: int, paste: bool, wait: int) -> None:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 412, "height": 823})
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            received: dict[str, float] = {}
            counted: set[str] = set()  # the requests asked for once the query began
            urls: dict[str, str] = {}
            counting = [False]
            bounds = ["", 0.0]  # bytes, when it came

            def sent(event):
                urls[event["requestId"]] = event["request"]["url"]
                if counting[0]:
                    counted.add(event["requestId"])

            def finished(event):
                if event["requestId"] in counted:
                    received[event["requestId"]] = event["encodedDataLength"]
                elif urls.get(event["requestId"], "").endswith("awal-nama.js"):
                    bounds[:] = [f"{event['encodedDataLength']:,.0f} B", time.perf_counter()]

            cdp.on("Network.requestWillBeSent", sent)
            cdp.on("Network.loadingFinished", finished)
            start = time.perf_counter()
            page.goto(f"http://127.0.0.1:{server.server_port}/index.html", wait_until="load")
            loaded = time.perf_counter()
            print(f"market page loaded in {loaded - start:.2f} s (throttled)")
            page.wait_for_timeout(wait)
            counting[0] = True
            page.click("#cari")
            if paste:  # Ctrl+V of the query, from the clipboard
                page.context.grant_permissions(["clipboard-read", "clipboard-write"])
                page.evaluate("q => navigator.clipboard.writeText(q)", query)
                start = time.perf_counter()
                page.keyboard.press("Control+V")
            else:
                page.keyboard.type(query[:-1], delay=delay)
                page.wait_for_timeout(delay)
                start = time.perf_counter()
                page.keyboard.press(query[-1])
            page.wait_for_function(
                "q => document.querySelector('[data-search-status]').getAttribute('data-query') === q",
                arg=query,
                timeout=60_000,
            )
            seconds = time.perf_counter() - start
            page.wait_for_timeout(300)
            results = page.locator("[data-results] li").count()
            status = page.inner_text("[data-search-status]")
            came = f"came {bounds[1] - loaded:.2f} s after the page loaded" if bounds[0] else "not loaded first"
            print(f"bounds file (asked for when the page was idle): {bounds[0] or '-'}, {came}")
            how = "pasted" if paste else f"typed {delay} ms a key, debounce 0.15 s included"
            print(
                f"search {query!r} ({wait} ms after the page loaded): results after {seconds:.2f} s from the "
                f"{'paste' if paste else 'last key'} ({how}), {sum(received.values()) / 1024:.1f} KiB in "
                f"{len(received)} files; {results} shown, {status!r}"
            )
            browser.close()
    finally:
        server.shutdown()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sellers", type=int, default=2500)
    ap.add_argument("--products", type=int, default=20)
    ap.add_argument("--query", default="keripik singkong")
    ap.add_argument("--delay", type=int, default=150, help="milliseconds between keys (a quick thumb: 150)")
    ap.add_argument("--paste", action="store_true", help="the query pasted whole, not typed")
    ap.add_argument("--wait", type=int, default=500, help="milliseconds from the page's load to the query")
    ap.add_argument("--out", type=Path, help="an output folder already built (skips corpus and build)")
    a = ap.parse_args()
    out = a.out
    if out is None:
        corpus = SCRATCH / f"lapak-bench-{a.sellers}x{a.products}"
        out = SCRATCH / f"lapak-bench-{a.sellers}x{a.products}-search-out"
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
            )
        if not (out / "index.html").is_file():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "generator", "build", str(corpus), "--out", str(out)], check=True)
            print(f"built in {time.perf_counter() - start:.1f} s")
    page_figures(out)
    search_figures(out, a.query, a.delay, a.paste, a.wait)
    return 0


if __name__ == "__main__":
    sys.exit(main())
