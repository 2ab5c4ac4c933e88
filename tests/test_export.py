"""`lapak export`: every product into one sheet that reads back as a seller's products/ file."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from generator.cli import main
from generator.load.loader import load_project

SELLERS = Path(__file__).resolve().parent.parent / "sellers"


def test_export_edit_in_openpyxl_and_build_reads_it(tmp_path):
    shutil.copytree(SELLERS, tmp_path / "sellers")
    before, _ = load_project(tmp_path)
    target = tmp_path / "semua.xlsx"
    assert main(["export", str(tmp_path), "--xlsx", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    sheet = book["produk"]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["toko", "nama", "harga", "kategori", "stok"]
    shop = before.shops[0]
    for row in range(sheet.max_row, 1, -1):  # only this shop's rows stay
        if sheet.cell(row, 1).value != shop.slug:
            sheet.delete_rows(row)
    sheet.cell(2, 3).value = 99000
    products = tmp_path / "sellers" / shop.slug / "products"
    shutil.rmtree(products)
    products.mkdir()
    book.save(products / "daftar.xlsx")
    after, problems = load_project(tmp_path)
    assert [p.format("en") for p in problems if p.is_error] == []
    (again,) = [s for s in after.shops if s.slug == shop.slug]
    old = {p.slug: (p.name, p.price, p.category, p.stock, [ph.path for ph in p.photos]) for p in shop.products}
    new = {p.slug: (p.name, p.price, p.category, p.stock, [ph.path for ph in p.photos]) for p in again.products}
    edited = sheet.cell(2, 15).value
    assert new[edited][1] == 99000
    new[edited] = (new[edited][0], old[edited][1], *new[edited][2:])
    assert new == old
