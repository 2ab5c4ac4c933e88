"""Sitemaps by the protocol (https://www.sitemaps.org/protocol.html): at most 50,000 URLs and
50 MB (52,428,800 bytes) per sitemap, absolute URLs, well-formed XML in the sitemaps.org
namespace; past one sitemap's limits, `sitemap.xml` is a sitemap index naming every part."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import generator.render.pages as pages_module
from generator.render.pages import crawler_files

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://pasar.example.id/jateng"


def _locs(data: bytes, root_tag: str, child: str) -> list[str]:
    root = ET.fromstring(data)  # well-formed, or this raises
    assert root.tag == f"{NS}{root_tag}"
    assert all(node.tag == f"{NS}{child}" for node in root)
    locs = [node.findtext(f"{NS}loc") for node in root]
    assert all(locs)
    return locs  # type: ignore[return-value]


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.netloc == "pasar.example.id" and url.startswith(f"{SITE}/")


def validate(files: dict[str, bytes]) -> list[str]:
    """Every sitemap in `files` checked against the protocol; the page URLs they list, in order."""
    assert files["robots.txt"].decode().endswith(f"\nSitemap: {SITE}/sitemap.xml\n")
    first = ET.fromstring(files["sitemap.xml"])
    if first.tag == f"{NS}urlset":
        names = ["sitemap.xml"]
        assert set(files) == {"robots.txt", "sitemap.xml"}
    else:
        index = _locs(files["sitemap.xml"], "sitemapindex", "sitemap")
        assert all(_absolute(loc) for loc in index)
        names = [loc.removeprefix(f"{SITE}/") for loc in index]
        assert len(names) > 1 and len(set(names)) == len(names)
        assert set(files) == {"robots.txt", "sitemap.xml", *names}  # the index names every part, and only those
    urls = []
    for name in names:
        data = files[name]
        assert len(data) <= 52_428_800
        assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        locs = _locs(data, "urlset", "url")
        assert 0 < len(locs) <= 50_000
        assert all(_absolute(loc) for loc in locs)
        urls += locs
    assert len(set(urls)) == len(urls)
    return urls


def _market_paths(shops: int, products: int) -> list[str]:
    paths = ["index.html", "404.html", "qr.html"]
    for s in range(shops):
        slug = f"toko-{s:03d}"
        paths += [
            f"{slug}/index.html",
            f"{slug}/katalog.html",
            f"{slug}/keranjang.html",
            f"{slug}/kategori/keripik.html",
        ]
        paths += [f"{slug}/produk-{p:04d}.html" for p in range(products)]
    return paths


def test_a_market_past_50000_urls_gets_a_sitemap_index_and_valid_parts():
    paths = _market_paths(60, 2000) + ["toko-000/teh & kopi.html"]  # 120,244 pages, 120,122 in sitemaps
    files = crawler_files(SITE, paths)
    urls = validate(files)
    assert sorted(files) == ["robots.txt", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    assert len(urls) == 120_122 and urls == sorted(urls)
    assert f"{SITE}/" in urls and f"{SITE}/toko-007/" in urls and f"{SITE}/toko-000/teh%20&%20kopi.html" not in urls
    assert f"{SITE}/toko-000/teh &amp; kopi.html".encode() in files["sitemap-1.xml"]  # escaped, then parsed back
    assert f"{SITE}/toko-000/teh & kopi.html" in urls
    assert not [u for u in urls if u.endswith(("/404.html", "/qr.html", "/katalog.html", "/keranjang.html"))]
    shuffled = paths[:]
    random.Random(7).shuffle(shuffled)
    assert crawler_files(SITE, shuffled) == files  # the same pages: the same bytes, in any order


def test_a_market_within_the_limits_keeps_one_plain_sitemap():
    files = crawler_files(SITE, _market_paths(24, 2000))  # 48,049 URLs
    assert len(validate(files)) == 48_049 and set(files) == {"robots.txt", "sitemap.xml"}


def test_exactly_50000_urls_fit_one_sitemap_and_one_more_makes_two():
    paths = [f"toko/{n:05d}.html" for n in range(50_000)]
    assert set(crawler_files(SITE, paths)) == {"robots.txt", "sitemap.xml"}
    files = crawler_files(SITE, [*paths, "toko/50000.html"])
    assert len(validate(files)) == 50_001
    assert len(_locs(files["sitemap-1.xml"], "urlset", "url")) == 50_000
    assert _locs(files["sitemap-2.xml"], "urlset", "url") == [f"{SITE}/toko/50000.html"]


def test_a_sitemap_is_cut_by_size_too():
    paths = [f"toko/{'panjang-' * 200}{n:03d}.html" for n in range(300)]  # about 1.6 KB a URL
    files = crawler_files(SITE, paths, max_bytes=100_000)
    assert len(validate(files)) == 300 and len(files) > 5
    assert all(len(data) <= 100_000 for name, data in files.items() if name.startswith("sitemap-"))


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".lapak-lock")
    }


def test_a_built_market_splits_its_sitemap_and_rebuilds_write_nothing(site_copy, run, monkeypatch):
    root = site_copy("basic")
    out = root / "output"
    monkeypatch.setattr(pages_module, "SITEMAP_MAX_URLS", 4)  # the market's pages are made in this process
    assert run(["build", str(root), "--site-url", SITE])[0] == 0
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.name == "robots.txt" or p.name.startswith("sitemap")}
    urls = validate(files)
    assert len(files) > 3 and f"{SITE}/" in urls and f"{SITE}/toko-a/kain-indigo.html" in urls
    before = _stamps(out)
    assert run(["build", str(root), "--site-url", SITE])[0] == 0  # the parts are Lapak's own files
    assert _stamps(out) == before
    monkeypatch.setattr(pages_module, "SITEMAP_MAX_URLS", 50_000)
    (root / "sellers/toko-a/products/kain-indigo.md").unlink()
    assert run(["build", str(root), "--site-url", SITE])[0] == 0
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.name == "robots.txt" or p.name.startswith("sitemap")}
    assert set(files) == {"robots.txt", "sitemap.xml"}  # the parts of the index are gone with it
    assert len(validate(files)) == len(urls) - 1
