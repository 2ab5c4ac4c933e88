"""Prices on the built pages as buyers see them: free, per unit, struck-through old prices,
and the warnings a seller gets for a price read one of two ways (issue 15)."""

from __future__ import annotations

import json
import re

from helpers import parse, read_search, wa_links

SHOP = """
nama: Dapur Bu Ning
whatsapp: "WA: 0812-3456-7890"
site_url: https://pasar.example.id
"""


def _text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(parse(path).text))


def _build(scratch, run, products: dict[str, str], command: str = "build"):
    files = {"sellers/ning/shop.yaml": SHOP}
    files.update({f"sellers/ning/products/{name}": text for name, text in products.items()})
    root = scratch(files)
    code, out, err = run([command, str(root)])
    return root, code, err


def test_free_and_per_unit_prices_show_on_cards_pages_catalog_search_and_orders(scratch, run):
    root, code, err = _build(
        scratch,
        run,
        {
            "stiker.md": "---\nnama: Stiker\nharga: gratis\n---\n",
            "beras.md": "---\nnama: Beras Merah\nharga: Rp 25.000 per kg\n---\n",
            "kain.md": "---\nnama: Kain Lurik\nharga: 35rb/meter\nvarian:\n  - Biru\n  - Sutra: 90rb/lembar\n---\n",
        },
    )
    assert code == 0, err
    out = root / "output/ning"
    shop = _text(out / "index.html")
    assert "Gratis" in shop and "Rp25.000 / kg" in shop and "Rp0" not in shop
    assert "Rp25.000 / kg" in _text(out / "beras.html") and "Gratis" in _text(out / "stiker.html")
    kain = _text(out / "kain.html")
    assert "Rp35.000 / meter" in kain and "Rp90.000 / lembar" in kain
    catalog = _text(out / "katalog.html")
    assert "Gratis" in catalog and "Rp25.000 / kg" in catalog and "Sutra Rp90.000 / lembar" in catalog
    assert wa_links(parse(out / "beras.html"))[0][1].split("\n")[2] == "Harga: Rp25.000 / kg"
    assert wa_links(parse(out / "stiker.html"))[0][1].split("\n")[2] == "Harga: Gratis"
    # JSON-LD keeps the plain price (0 is a valid price for a free product)
    lds = {
        p: [json.loads(b) for a, b in parse(out / p).scripts if a.get("type") == "application/ld+json"][0]
        for p in ("beras.html", "stiker.html")
    }
    assert lds["beras.html"]["offers"]["price"] == "25000" and lds["stiker.html"]["offers"]["price"] == "0"
    # the cart is given the unit with the price
    (item,) = [
        json.loads(a["data-add-to-cart"]) for tag, a in parse(out / "beras.html").tags if "data-add-to-cart" in a
    ]
    assert item["price"] == 25000 and item["unit"] == "kg"
    found = {name: price for name, _, price, *_ in read_search(root / "output")["products"].values()}
    assert found["Beras Merah"] == "Rp25.000 / kg" and found["Stiker"] == "Gratis"  # the market-wide search


def test_readme_old_price_beside_priced_variants_is_struck_through_where_lower(scratch, run):
    root, code, err = _build(
        scratch,
        run,
        {
            "kain.md": """---
nama: Kain Batik Tulis Indigo
harga: Rp 350.000
harga_coret: 400.000
varian:
  - 2 meter: 350rb
  - 2,5 meter: 425rb
---
"""
        },
    )
    assert code == 0 and "harga_coret" not in err, err
    html = (root / "output/ning/kain.html").read_text()
    short = html[html.index(">2 meter<") : html.index(">2,5 meter<")]
    long = html[html.index(">2,5 meter<") :]
    long = long[: long.index("</li>")]
    assert '<s class="old">Rp400.000</s>' in short and "Rp350.000" in short
    assert '<s class="old">' not in long and "Rp425.000" in long


def test_an_old_price_above_no_price_is_warned_about(scratch, run):
    root, code, err = _build(
        scratch, run, {"kain.md": "---\nnama: Kain\nharga: 350rb\nharga_coret: 300rb\n---\n"}, "check"
    )
    assert code == 0
    assert "sellers/ning/products/kain.md:4: peringatan: harga_coret 300.000 tidak lebih tinggi" in err


def test_a_price_with_two_readings_is_built_with_a_warning_naming_the_reading(scratch, run):
    root, code, err = _build(
        scratch, run, {"a.md": "---\nnama: A\nharga: 1,250jt\n---\n", "b.md": "---\nnama: B\nharga: 1,5M\n---\n"}
    )
    assert code == 0
    assert (
        'sellers/ning/products/a.md:3: peringatan: harga "1,250jt" dibaca Rp1.250.000 (koma sebagai tanda '
        "desimal) — kalau maksudnya lain, tulis 1250jt"
    ) in err
    assert 'sellers/ning/products/b.md:3: peringatan: harga "1,5M" dibaca Rp1.500.000 (M sebagai juta)' in err
    assert "Rp1.250.000" in _text(root / "output/ning/a.html")


def test_a_refused_price_says_how_to_write_it(scratch, run):
    root, code, err = _build(
        scratch,
        run,
        {"a.md": "---\nnama: A\nharga: 1.5\n---\n", "b.md": "---\nnama: B\nharga: 150 200\n---\n"},
        "check",
    )
    assert code == 1
    assert (
        'sellers/ning/products/a.md:3: harga "1.5" punya pecahan rupiah (rupiah tidak punya sen), jadi tidak '
        "dibulatkan diam-diam — tulis harga penuh, misalnya 1,5rb atau angkanya saja tanpa koma"
    ) in err
    assert 'sellers/ning/products/b.md:3: harga "150 200" berisi dua angka terpisah — tulis satu harga saja' in err


def test_an_empty_or_null_price_is_no_price_yet(scratch, run):
    for written in ('""', "''", "null", "~", '"\u200b"'):
        root, code, err = _build(scratch, run, {"a.md": f"---\nnama: A\nharga: {written}\n---\n"}, "check")
        assert code == 1 and "a.md:2: harga belum diisi" in err, (written, err)


def test_a_landline_whatsapp_number_is_read_with_a_warning(scratch, run):
    root = scratch(
        {
            "sellers/ning/shop.yaml": "nama: Dapur Bu Ning\nwhatsapp: (024) 8312345\n",
            "sellers/ning/products/a.md": "---\nnama: A\nharga: 15rb\n---\n",
        }
    )
    code, _, err = run(["check", str(root)])
    assert code == 0
    assert "sellers/ning/shop.yaml:2: peringatan: nomor ini sepertinya nomor telepon rumah/kantor" in err
