"""search.js in a real headless Chromium on a market of several record files: the names starting
with the query come first, and a pasted query needs one round trip (its shards and the record
files of those names requested together)."""

from __future__ import annotations

import time
from pathlib import Path

from browser import _QuietHandler, serve
from test_market_search import corpus, expected, render


def write(files: dict[str, bytes], folder: Path) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def search(tab, text: str) -> tuple[str, list[str]]:
    """Types (fills) `text` into the market's search; (status, the links of the results)."""
    tab.fill("#cari", text)
    tab.wait_for_function(
        "q => document.querySelector('[data-search-status]').getAttribute('data-query') === q", arg=text
    )
    links = tab.eval_on_selector_all("[data-results] a", "els => els.map(a => a.getAttribute('href'))")
    return tab.inner_text("[data-search-status]"), links


def status(count: int) -> str:
    return "lebih dari 60 produk ditemukan" if count > 60 else f"{count} produk ditemukan" if count else ""


def test_names_starting_with_the_query_come_first_from_disk(chromium, tmp_path):
    cards = corpus(12, 25)  # 300 products: 10 record files, the same names across their bounds
    out = write(render(cards), tmp_path)
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto((out / "index.html").as_uri())
        queries = ["keripik", "kripik tempe", "kopi", "sambel", "kemeja ba", "batik", "toraja", "ke ba", "gayo kopi"]
        for query in queries:
            want = expected(cards, query)
            got, links = search(tab, query)
            assert links == want[:60], query
            assert got.startswith(status(len(want))), (query, got)
        # the ranking shows: "Kopi Bubuk …" before "Biji Kopi …" and "Teh Tubruk …" (category Kopi)
        names = {f"{c.slug}/{i[1]}.html": i[0] for c in cards for i in c.items}
        shown = [names[link].startswith("Kopi ") for link in search(tab, "kopi")[1]]
        assert shown[0] and not shown[-1] and shown == sorted(shown, reverse=True)
        assert not errors, errors
    finally:
        context.close()


class _Slow(_QuietHandler):
    """A far server: each file of the search index answers after DELAY seconds."""

    DELAY = 0.4

    def do_GET(self):
        if "/assets/cari/" in self.path:
            time.sleep(self.DELAY)
        super().do_GET()


def test_a_pasted_query_needs_one_round_trip(chromium, tmp_path, monkeypatch):
    import browser

    cards = corpus(100, 25)  # 2,500 products, 79 record files
    out = write(render(cards), tmp_path)
    monkeypatch.setattr(browser, "_QuietHandler", _Slow)
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        events: list[tuple[str, str]] = []
        tab.on("request", lambda r: events.append(("asked", r.url)))
        tab.on("requestfinished", lambda r: events.append(("came", r.url)))
        with serve(out) as base:
            tab.goto(base + "index.html")
            tab.wait_for_function("window.LAPAK_B !== undefined")  # loaded once the page was idle
            loaded = tab.evaluate(
                "[performance.getEntriesByType('navigation')[0].loadEventStart,"
                " performance.getEntriesByType('resource').find(e => e.name.endsWith('awal-nama.js')).startTime]"
            )
            assert loaded[1] >= loaded[0]  # not in the page's critical path
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
            tab.evaluate("navigator.clipboard.writeText('keripik singkong')")
            tab.click("#cari")
            events.clear()
            start = time.perf_counter()
            tab.keyboard.press("Control+V")
            tab.wait_for_function(
                "document.querySelector('[data-search-status]').getAttribute('data-query') === 'keripik singkong'"
            )
            seconds = time.perf_counter() - start
            got = tab.inner_text("[data-search-status]")
            links = tab.eval_on_selector_all("[data-results] a", "els => els.map(a => a.getAttribute('href'))")
        want = expected(cards, "keripik singkong")
        assert links == want[:60] and got == status(len(want)) and len(want) > 60
        events = [(what, url) for what, url in events if "/assets/cari/" in url]  # not the thumbnails
        asked = [url for what, url in events if what == "asked"]
        first_came = next(n for n, (what, _) in enumerate(events) if what == "came")
        records = [url for url in asked if "/r-" in url]
        assert records and any("/r-" not in url for url in asked)  # shards and record files
        # every file was asked for before the first answer came: one round trip
        assert all(events.index(("asked", url)) < first_came for url in asked), events
        assert seconds < 2 * _Slow.DELAY + 0.5, seconds  # (a second round trip would take 0.8 s more)
    finally:
        context.close()
