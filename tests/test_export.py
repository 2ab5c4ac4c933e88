"""`lapak export`: every product into one sheet that reads back as a seller's products/ file."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from generator.cli import main
from generator.load.loader import load_one_seller, load_project, market_settings

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


def test_a_hidden_product_is_exported_and_stays_hidden_when_the_sheet_comes_back(tmp_path):
    shutil.copytree(SELLERS, tmp_path / "sellers")
    before, _ = load_project(tmp_path)
    shop = before.shops[0]
    products = tmp_path / "sellers" / shop.slug / "products"
    first = sorted(products.glob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("---\n", "---\nsembunyikan: ya\n", 1), encoding="utf-8")
    hidden, _ = load_project(tmp_path)
    (kept,) = [s for s in hidden.shops if s.slug == shop.slug]
    assert len(kept.products) == len(shop.products) - 1  # not on the site
    target = tmp_path / "semua.csv"
    assert main(["export", str(tmp_path), "--csv", str(target)]) == 0
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(";")
    assert header[-1] == "sembunyikan"
    own = [line for line in lines[1:] if line.startswith(shop.slug + ";")]
    assert len(own) == len(shop.products)  # the hidden one too
    assert sum(line.endswith(";ya") for line in own) == 1
    shutil.rmtree(products)  # the seller keeps the sheet as their products file
    products.mkdir()
    (products / "daftar.csv").write_text("\n".join([lines[0], *own]) + "\n", encoding="utf-8")
    after, problems = load_project(tmp_path)
    assert [p.format("en") for p in problems if p.is_error] == []
    (again,) = [s for s in after.shops if s.slug == shop.slug]
    assert sorted(p.slug for p in again.products) == sorted(p.slug for p in kept.products)  # still hidden
    folder = tmp_path / "sellers" / shop.slug
    one = load_one_seller(folder, f"sellers/{shop.slug}/", shop.slug, market_settings(tmp_path))
    assert sorted(p.slug for p in one.products) == sorted(p.slug for p in shop.products)  # and not lost
    assert [p.slug for p in one.products if p.hidden] == [first.stem]
