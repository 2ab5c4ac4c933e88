"""Reading N products from one .xlsx against reading them from N Markdown files (one seller).

    python bench/sheets.py [N]        (default 2500)

The issue's target: the workbook within 2x of the Markdown files. No memo: every file is read.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from generator.load.loader import load_project

SHOP = "nama: Toko Bench\nwhatsapp: 0812-3456-7890\n"


def _seller(root: Path) -> Path:
    folder = root / "sellers" / "toko"
    (folder / "products").mkdir(parents=True)
    (folder / "shop.yaml").write_text(SHOP, encoding="utf-8")
    return folder / "products"


def main(n: int) -> None:
    rows = [(f"Produk {i}", 10000 + i, f"Kategori {i % 7}", i % 20, f"Deskripsi produk {i}.") for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        md, xl = Path(tmp, "md"), Path(tmp, "xlsx")
        products = _seller(md)
        for name, price, category, stock, text in rows:
            slug = name.lower().replace(" ", "-")
            (products / f"{slug}.md").write_text(
                f"---\nnama: {name}\nharga: {price}\nkategori: {category}\nstok: {stock}\n---\n{text}\n",
                encoding="utf-8",
            )
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("produk")
        sheet.append(["nama", "harga", "kategori", "stok", "deskripsi"])
        for row in rows:
            sheet.append(list(row))
        book.save(_seller(xl) / "daftar.xlsx")
        for label, root in (("markdown", md), ("xlsx", xl)):
            start = time.perf_counter()
            market, problems = load_project(root)
            took = time.perf_counter() - start
            count = len(market.shops[0].products)
            assert count == n, (label, count, [p.format("en") for p in problems][:3])
            print(f"{label:8} {n} products: {took:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2500)
