"""Link previews and search: OG/Twitter tags and one schema.org Product per product page."""

from __future__ import annotations

import json

from helpers import parse


def _meta(page) -> dict[str, str]:
    out = {}
    for tag, attrs in page.tags:
        if tag == "meta" and attrs.get("content") is not None:
            key = attrs.get("property") or attrs.get("name")
            if key:
                out[key] = attrs["content"]
    return out


def test_every_product_page_has_absolute_previews_and_one_product(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    out = root / "output"
    products = [p for p in out.glob("*/*.html") if p.name not in ("index.html", "katalog.html", "keranjang.html")]
    assert len(products) == 5
    for path in products:
        page = parse(path)
        meta = _meta(page)
        rel = path.relative_to(out).as_posix()
        url = f"https://pasar.example.id/uji/{rel}"
        assert meta["og:type"] == "product" and meta["og:url"] == url, rel
        assert meta["og:title"].endswith(" · " + ("Toko A" if rel.startswith("toko-a") else "Shop B 🍪"))
        assert meta["og:description"] and meta["twitter:card"] in ("summary", "summary_large_image")
        assert meta["og:image"].startswith("https://pasar.example.id/uji/"), rel
        assert page.find("link", rel="canonical")[0]["href"] == url
        products_ld = [json.loads(body) for attrs, body in page.scripts if attrs.get("type") == "application/ld+json"]
        products_ld = [d for d in products_ld if d.get("@type") == "Product"]
        assert len(products_ld) == 1, rel
        ld = products_ld[0]
        assert ld["name"] == meta["og:title"].rsplit(" · ", 1)[0]
        if rel == "toko-a/batik-pesanan.html":  # price on request: no Offer (one without a price is invalid)
            assert "offers" not in ld and ld["sku"]
            continue
        assert ld["offers"]["price"].isdigit()
        assert ld["offers"]["priceCurrency"] == "IDR" and ld["offers"]["url"] == url
        assert ld["offers"]["availability"] in ("https://schema.org/InStock", "https://schema.org/OutOfStock")
        assert all(img.startswith("https://") for img in ld["image"]) and ld["sku"]
    kain = [
        json.loads(b)
        for a, b in parse(out / "toko-a/kain-indigo.html").scripts
        if a.get("type") == "application/ld+json"
    ][0]
    assert kain["offers"]["price"] == "350000"
    masker = [
        json.loads(b)
        for a, b in parse(out / "toko-a/masker-batik.html").scripts
        if a.get("type") == "application/ld+json"
    ][0]
    assert masker["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_shop_pages_describe_a_store(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    page = parse(root / "output/toko-a/index.html")
    (store,) = [json.loads(b) for a, b in page.scripts if a.get("type") == "application/ld+json"]
    assert store["@type"] == "Store" and store["name"] == "Toko A" and store["telephone"] == "+6281234567890"
    assert store["address"]["addressLocality"] == "Semarang" and store["url"] == "https://pasar.example.id/uji/toko-a/"
