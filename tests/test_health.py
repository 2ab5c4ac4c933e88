"""`lapak check`: a health table per seller and the same as JSON, for trainers."""
from __future__ import annotations

import json


def test_check_prints_a_health_table_with_sellers_needing_help_first(site_copy, run):
    root = site_copy("invalid_mixed")
    code, out, err = run(["check", str(root)])
    assert code == 1
    assert out.splitlines() == [
        "toko   produk  foto  tanpa foto  tanpa harga  habis  peringatan  galat",
        "rusak       -     -           -            -      -           1      3",
        "baik        1     0           1            0      0           1      0",
        "1 toko dengan 1 produk diperiksa",
    ]


def test_check_counts_photos_prices_and_sold_out(site_copy, run):
    root = site_copy("basic")
    code, out, _ = run(["check", str(root), "--lang", "en"])
    assert code == 0
    assert out.splitlines()[:3] == [
        "shop    products  photos  no photo  no price  sold out  warnings  errors",
        "toko-a         4       1         3         1         1         0       0",
        "toko-b         1       0         1         0         0         0       0",
    ]


def test_check_json_has_the_same_rows_and_every_problem(site_copy, run):
    root = site_copy("invalid_mixed")
    code, out, err = run(["check", str(root), "--json"])
    assert code == 1 and err == ""
    data = json.loads(out)
    assert [(r["slug"], r["built"], r["errors"], r["warnings"]) for r in data["sellers"]] == [
        ("baik", True, 0, 1), ("rusak", False, 3, 1)]
    first_error = next(p for p in data["problems"] if p["severity"] == "error")
    assert first_error == {"path": "sellers/rusak/products/kain.md", "line": 3, "severity": "error",
                           "code": "price.not_number",
                           "message": 'harga "tiga ratus" bukan angka — tulis misalnya 300000 atau 300rb'}
