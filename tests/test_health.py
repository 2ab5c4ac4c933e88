"""`lapak check`: a health table per seller and the same as JSON, for trainers."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

AUGUST_14 = datetime(2026, 8, 14, 12).timestamp()


def dated(root: Path) -> Path:
    """Every file of a site copy last changed on 14 August 2026 (the site is not in git: file times count)."""
    for path in root.rglob("*"):
        os.utime(path, (AUGUST_14, AUGUST_14))
    return root


def test_check_prints_a_health_table_with_sellers_needing_help_first(site_copy, run):
    root = dated(site_copy("invalid_mixed"))
    code, out, err = run(["check", str(root)])
    assert code == 1
    assert out.splitlines() == [
        "toko   perubahan terakhir  produk  foto  tanpa foto  tanpa harga  habis  peringatan  galat",
        "rusak          2026-08-14       -     -           -            -      -           1      3",
        "baik           2026-08-14       1     0           1            0      0           1      0",
        "2 toko dengan 1 produk diperiksa; 1 toko punya galat",
    ]


def test_check_counts_photos_prices_and_sold_out(site_copy, run):
    root = dated(site_copy("basic"))
    code, out, _ = run(["check", str(root), "--lang", "en"])
    assert code == 0
    assert out.splitlines()[:3] == [
        "shop    last change  products  photos  no photo  no price  sold out  warnings  errors",
        "toko-a   2026-08-14         4       1         3         1         1         0       0",
        "toko-b   2026-08-14         1       0         1         0         0         0       0",
    ]


def test_check_json_has_the_same_rows_and_every_problem(site_copy, run):
    root = dated(site_copy("invalid_mixed"))
    code, out, err = run(["check", str(root), "--json"])
    assert code == 1 and err == ""
    data = json.loads(out)
    assert [(r["slug"], r["ok"], r["errors"], r["warnings"]) for r in data["sellers"]] == [
        ("baik", True, 0, 1),
        ("rusak", False, 3, 1),
    ]
    assert "built" not in data["sellers"][0] and data["ok"] is False
    assert [r["last_change"] for r in data["sellers"]] == ["2026-08-14", "2026-08-14"]
    assert data["summary"] == {"shops": 2, "products": 1, "shops_with_errors": 1, "errors": 3, "warnings": 2}
    first_error = next(p for p in data["problems"] if p["severity"] == "error")
    assert first_error == {
        "path": "sellers/rusak/products/kain.md",
        "line": 3,
        "severity": "error",
        "code": "price.not_number",
        "message": 'harga "tiga ratus" bukan angka — tulis misalnya 300000 atau 300rb',
    }


def test_check_counts_every_shop_and_says_when_warnings_fail_strict(site_copy, run):
    root = site_copy("basic")
    code, out, err = run(["check", str(root)])
    assert code == 0 and out.splitlines()[-1] == "2 toko dengan 5 produk diperiksa, tidak ada yang punya galat"
    shop = root / "sellers/toko-b/products/keripik.md"
    shop.write_text(shop.read_text().replace("---\n", "---\nwarna_favorit: biru\n", 1))
    code, out, err = run(["check", str(root), "--strict"])
    assert code == 1
    assert err.splitlines()[-1] == (
        "--strict: 1 peringatan dianggap galat, jadi pemeriksaan gagal — perbaiki "
        "peringatannya atau jalankan tanpa --strict"
    )
    code, out, err = run(["check", str(root), "--strict", "--json", "--lang", "en"])
    assert code == 1 and json.loads(out)["ok"] is False and err.startswith("--strict: 1 warnings count as errors")
    assert run(["check", str(root)])[0] == 0
