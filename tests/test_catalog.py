"""Per seller: a QR code of the shop's address and a printable catalog; a market QR sheet."""

from __future__ import annotations

import re

from helpers import parse


def test_qr_and_catalog_when_site_url_is_known(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    out = root / "output"
    svg = (out / "toko-a/qr.svg").read_text()
    assert svg.startswith("<svg") and "<title>https://pasar.example.id/uji/toko-a/</title>" in svg
    catalog = parse(out / "toko-a/katalog.html")
    assert catalog.find("img", src="qr.svg")
    text = " ".join("".join(catalog.text).split())
    for needle in (
        "Kain Indigo",
        "mulai Rp350.000",
        "2 meter Rp350.000",
        "Selendang Sutra",
        "Rp1.500.000",
        "Tanya harga",
        "https://pasar.example.id/uji/toko-a/",
    ):
        assert needle in text, needle
    assert "@page{size:A4" in (out / "toko-a/katalog.html").read_text()
    assert "katalog.html" in parse(out / "toko-a/index.html").links()
    sheet = parse(out / "qr.html")
    assert [a["src"] for a in sheet.find("img")] == ["toko-a/qr.svg", "toko-b/qr.svg"]
    assert "qr.html" in parse(out / "index.html").links()


def test_without_site_url_there_is_a_catalog_but_no_qr(site_copy, run):
    root = site_copy("basic")
    lapak = root / "lapak.yaml"
    lapak.write_text(re.sub(r"site_url: .*\n", "", lapak.read_text()))
    assert run(["build", str(root)])[0] == 0
    out = root / "output"
    assert (out / "toko-a/katalog.html").is_file()
    assert not (out / "toko-a/qr.svg").exists() and not (out / "qr.html").exists()
    assert not parse(out / "toko-a/katalog.html").find("img", src="qr.svg")


def test_market_search_index_lists_every_product_of_every_shop(site_copy, run):
    from helpers import read_search

    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    text = (root / "output/search-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.LAPAK_INDEX=") and text.endswith(";\n")
    index = read_search(root / "output")
    assert len(index["shards"]) == 1  # a small market keeps one shard
    (words,) = index["shards"].values()
    products = index["products"]
    assert len(products) == 5 and sorted(products) == list(range(5))
    assert ["Kain Indigo", "toko-a/kain-indigo.html", "Rp350.000+", "Toko A"] in [p[:4] for p in products.values()]
    kain = [products[i][0] for i in words["kain"]]  # its name, and its category's
    assert "Kain Indigo" in kain and all(products[i][3] for i in words["semarang"])  # the shop's town
    market = parse(root / "output/index.html")
    assert market.find("script", src="assets/search.js") and (root / "output/assets/search.js").is_file()
    (form,) = market.find("form", role="search")
    assert form["data-index"] == "search-index.js"


def test_the_search_index_carries_a_spelling_table_that_folds_in_one_step(site_copy, run):
    import json

    from generator.render.search import SPELLING_VARIANTS

    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    text = (root / "output/search-index.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.LAPAK_INDEX=").removesuffix(";\n"))
    assert len(text) < 2000 and data["variants"] == SPELLING_VARIANTS and data["variants"]["kripik"] == "keripik"
    assert data["variants"]["sambel"] == "sambal"
    # search.js folds a word once: a target is never itself folded again, nor folded to itself
    assert not set(SPELLING_VARIANTS.values()) & set(SPELLING_VARIANTS)
    assert all(w.isascii() and w.isalpha() and w.islower() for pair in SPELLING_VARIANTS.items() for w in pair)


def test_a_skipped_shop_stays_searchable_from_its_last_good_build(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    shop = root / "sellers/toko-b/shop.yaml"
    shop.write_text(shop.read_text().replace("+62 813 2000 1111", "tidak ada"))
    assert run(["build", str(root)])[0] == 1
    from helpers import read_search

    assert "Keripik Tempe ꦏꦽꦥꦶꦏ꧀" in [p[0] for p in read_search(root / "output")["products"].values()]


def test_sitemap_and_robots_with_site_url_and_a_note_without(site_copy, run):
    import re

    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    out = root / "output"
    sitemap = (out / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert "https://pasar.example.id/uji/" in locs and "https://pasar.example.id/uji/toko-a/kain-indigo.html" in locs
    assert all(loc.endswith((".html", "/")) for loc in locs) and not [u for u in locs if "katalog" in u or "404" in u]
    assert (out / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\nSitemap: https://pasar.example.id/uji/sitemap.xml\n"
    )
    lapak = root / "lapak.yaml"
    lapak.write_text(re.sub(r"site_url: .*\n", "", lapak.read_text()))
    code, out_text, err = run(["check", str(root), "--strict"])
    assert code == 0  # a note never fails, not even --strict
    assert err.count("site_url belum diisi") == 1
    assert run(["build", str(root)])[0] == 0
    assert not (out / "sitemap.xml").exists() and (out / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


def test_site_url_flag_overrides_lapak_yaml(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root), "--site-url", "toko.example.org/pasar/"])[0] == 0
    page = parse(root / "output/toko-a/kain-indigo.html")
    (canonical,) = page.find("link", rel="canonical")
    assert canonical["href"] == "https://toko.example.org/pasar/toko-a/kain-indigo.html"
    assert run(["build", str(root), "--site-url", "javascript:alert(1)"])[0] == 2
