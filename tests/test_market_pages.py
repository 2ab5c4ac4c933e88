"""The market's shop list as static pages that stay small at any size: MARKET_PAGE_SHOPS shops a
page linked by rel=prev/next, the same per town, each page plain HTML (no JavaScript needed)."""

from __future__ import annotations

import gzip
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import generator.render.pages as pages_module
from generator.core.models import Market, ShopCard, SiteInfo
from generator.render.pages import MARKET_PAGE_SHOPS, Renderer
from generator.render.themes import resolve_theme, theme_dirs

TOWNS = ["Semarang", "Solo", "Magelang", "Kudus", "Pati", "Jepara", "Demak", "Kendal", "Batang", "Tegal"] * 4
TOWNS = [f"{t} {n // 10}" if n >= 10 else t for n, t in enumerate(TOWNS)]  # 40 towns


class Elements(HTMLParser):
    """The elements of a page (what Lighthouse's DOM size counts) and its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.count = 0
        self.links: list[tuple[str, str]] = []  # (rel, href) of <a> and <link>

    def handle_starttag(self, tag, attrs):
        self.count += 1
        a = dict(attrs)
        if tag in ("a", "link") and a.get("href"):
            self.links.append((a.get("rel") or "", a["href"]))


def elements(html: bytes) -> Elements:
    parser = Elements()
    parser.feed(html.decode("utf-8"))
    parser.close()
    return parser


def market_cards(shops: int) -> list[ShopCard]:
    """Shops as a big market's are: a logo as WebP with a PNG fallback, a tagline, a town, products
    in categories drawn from hundreds."""
    return [
        ShopCard(
            slug=f"toko-{n:04d}",
            name=f"Toko Nomor {n} Milik Ibu Sri",
            tagline="Camilan khas daerah, digoreng setiap pagi tanpa pengawet",
            city=TOWNS[n % len(TOWNS)],
            products=20,
            items=tuple((f"Produk {p}", f"produk-{p}", "Rp15.000", f"Kategori {(n + p) % 300}") for p in range(20)),
            image=("foto/logo-0123456789-icon180.png", 180, 180, "foto/logo-0123456789-w160.webp"),
        )
        for n in range(shops)
    ]


def market_pages(shops: int) -> dict[str, bytes]:
    root = str(Path(__file__).parent / "sites" / "basic")
    market = Market(root=root, name="Pasar Jawa Tengah", site_url="https://pasar.example.id")
    site = SiteInfo("", resolve_theme(market.theme, theme_dirs(root)))
    return Renderer(market, site).market_pages(market_cards(shops))


def follow(pages: dict[str, bytes], start: str) -> tuple[list[str], list[str]]:
    """From `start`, every page reached by rel=next, and the shops they link to, in order."""
    seen, shops, path = [], [], start
    while path:
        seen.append(path)
        found = elements(pages[path])
        shops += [h for rel, h in found.links if re.fullmatch(r"toko-[0-9]+/index\.html", h)]
        nexts = {h for rel, h in found.links if rel == "next"}
        assert len(nexts) <= 1
        path = posixpath.normpath(posixpath.join(posixpath.dirname(path), nexts.pop())) if nexts else ""
        assert path not in seen
    return seen, shops


def test_the_first_market_page_stays_small_at_2500_shops():
    pages = market_pages(2500)
    first = pages["index.html"]
    assert len(gzip.compress(first, 9, mtime=0)) <= 60 * 1024
    assert elements(first).count <= 1500
    for path, html in pages.items():  # every page of the lists is as small
        if path.endswith(".html") and path not in ("404.html", "qr.html"):
            assert len(gzip.compress(html, 9, mtime=0)) <= 60 * 1024, path
            assert elements(html).count <= 1500, path


def test_the_pages_list_every_shop_once_in_order_and_each_town_its_own():
    cards = market_cards(2500)
    pages = market_pages(2500)
    seen, shops = follow(pages, "index.html")
    assert seen == ["index.html", *[f"halaman-{n}.html" for n in range(2, 54)]]  # 2,500 / 48 → 53 pages
    assert shops == [f"{c.slug}/index.html" for c in cards]
    first = elements(pages["index.html"])
    towns = sorted(h for rel, h in first.links if h.startswith("kota-"))
    assert len(towns) == 30 and ("next", "halaman-2.html") in first.links  # the 30 with most shops
    assert ("", "semua-kota.html") in first.links and ("", "semua-kategori.html") in first.links
    every = sorted(h for rel, h in elements(pages["semua-kota.html"]).links if h.startswith("kota-"))
    assert len(every) == 40 and set(towns) < set(every)
    assert not [link for link in first.links if link[0] == "prev"]
    last = elements(pages["halaman-53.html"])
    assert ("prev", "halaman-52.html") in last.links and not [link for link in last.links if link[0] == "next"]
    solo = [f"{c.slug}/index.html" for c in cards if c.city == "Solo"]
    seen, shops = follow(pages, "kota-solo.html")
    assert seen == ["kota-solo.html", "kota-solo.2.html"] and shops == solo  # 63 shops
    assert b"Toko di Solo" in pages["kota-solo.2.html"] and b"halaman 2 dari 2" in pages["kota-solo.2.html"]


def test_a_small_market_keeps_one_page(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    out = root / "output"
    assert not list(out.glob("halaman-*.html")) and MARKET_PAGE_SHOPS > 2
    assert b'rel="next"' not in (out / "index.html").read_bytes()
    assert (out / "kota-semarang.html").is_file()


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".lapak-lock")
    }


def test_built_pages_rebuild_to_nothing_and_go_with_their_shops(site_copy, run, monkeypatch):
    root = site_copy("basic")
    out = root / "output"
    monkeypatch.setattr(pages_module, "MARKET_PAGE_SHOPS", 1)  # the market's pages are made in this process
    assert run(["build", str(root)])[0] == 0
    assert b'<link rel="next" href="halaman-2.html">' in (out / "index.html").read_bytes()
    assert b'<a href="index.html" rel="prev">' in (out / "halaman-2.html").read_bytes()
    locs = re.findall(r"<loc>(.*?)</loc>", (out / "sitemap.xml").read_text())
    assert "https://pasar.example.id/uji/halaman-2.html" in locs
    assert "https://pasar.example.id/uji/kota-semarang.html" in locs
    before = _stamps(out)
    assert run(["build", str(root)])[0] == 0  # the pages are Lapak's own files
    assert _stamps(out) == before
    import shutil

    shutil.rmtree(root / "sellers/toko-b")
    assert run(["build", str(root)])[0] == 0
    assert not (out / "halaman-2.html").exists() and (out / "index.html").is_file()
