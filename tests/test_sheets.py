"""Spreadsheets as product files: `.csv` and `.xlsx` load to the same products as Markdown files."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import textwrap
from dataclasses import replace

import pytest

from generator.build import build
from generator.core.errors import Cell
from generator.load.loader import load_project
from generator.load.sheets import cell_text, column_letter
from generator.load.values import parse_phone

SHOP = "nama: Toko Uji\nwhatsapp: 0812-3456-7890\n"
PHOTOS = {f"sellers/toko/photos/{n}": b"x" for n in ("kopi-gayo.jpg", "kopi-gayo-2.jpg", "teh.jpg")}

# The same three products as Markdown files (the reference) …
MARKDOWN = {
    "sellers/toko/products/kopi-gayo.md": """
    ---
    nama: Kopi Gayo
    harga: 350000
    kategori: Kopi
    stok: 5
    foto: [kopi-gayo.jpg, kopi-gayo-2.jpg]
    varian:
      - nama: Kecil
        harga: 15rb
      - nama: Besar
        harga: 1,5jt
    deskripsi: Harum dan **mantap**.
    ---
    """,
    "sellers/toko/products/teh-melati-wangi.md": """
    ---
    nama: Teh Melati – Wangi
    harga: Rp 25.000
    foto: teh.jpg
    varian: [S, M, L]
    unggulan: ya
    ---
    """,
    "sellers/toko/products/gula-aren.md": """
    ---
    nama: Gula Aren
    harga: tanya
    stok: habis
    ---
    """,
}

# … and as one spreadsheet: a row each, the header in either language.
HEADER = ["Nama", "Harga", "Kategori", "Stok", "Foto", "Varian", "Unggulan", "Deskripsi"]
ROWS = [
    ["Kopi Gayo", "'350000", "Kopi", "5", "kopi-gayo.jpg; kopi-gayo-2.jpg", "Kecil=15rb, Besar=1,5jt", "", ""],
    ["Teh Melati – Wangi", "Rp 25.000", "", "", "teh.jpg", "S, M, L", "ya", ""],
    ["Gula Aren", "tanya", "", "habis", "", "", "", ""],
]
ROWS[0][7] = "Harum dan **mantap**."


def _csv(rows, sep=",") -> str:
    def cell(text: str) -> str:
        return f'"{text}"' if any(c in text for c in ',;"\n') else text

    return "".join(sep.join(cell(c) for c in row) + "\r\n" for row in rows)


def _products(root):
    market, problems = load_project(root)
    assert [p for p in problems if p.is_error] == []
    (shop,) = market.shops
    return {p.slug: replace(p, source="", line=1) for p in shop.products}, problems


@pytest.fixture
def reference(tmp_path_factory):
    root = tmp_path_factory.mktemp("md")
    for rel, text in {"sellers/toko/shop.yaml": SHOP, **MARKDOWN}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    for rel, data in PHOTOS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    products, problems = _products(root)
    assert problems == []
    return products


@pytest.mark.parametrize(
    "encoding,sep",
    [("utf-8", ","), ("utf-8", ";"), ("utf-8-sig", ";"), ("utf-8-sig", ","), ("cp1252", ";"), ("cp1252", ",")],
)
def test_csv_loads_to_the_same_products_as_markdown(scratch, reference, encoding, sep):
    text = _csv([HEADER, *ROWS, ["", "", ""], [""] * 8], sep)  # empty rows at the end
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.csv": text.encode(encoding)} | PHOTOS)
    products, problems = _products(root)
    assert [p.format("en") for p in problems] == []
    assert products == reference
    assert products["kopi-gayo"].price == 350000  # the apostrophe Excel keeps before a number is gone


def test_english_headings_a_title_row_and_a_cell_over_several_lines(scratch, reference):
    header = ["name", "price", "category", "stock", "photos", "variants", "featured", "description"]
    rows = [["Daftar harga Toko Uji"], [], header, *(list(r) for r in ROWS)]
    rows[3][4] = "kopi-gayo.jpg\nkopi-gayo-2.jpg"
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.csv": _csv(rows)} | PHOTOS)
    products, _ = _products(root)
    assert products == reference
    market, _ = load_project(root)
    assert [p.line for p in market.shops[0].products] == [4, 5, 6]  # a row's number, as the sheet shows it


def test_problems_name_the_row_and_the_column_in_both_languages(scratch):
    text = _csv(
        [
            ["nama", "harga", "stok", "hrga"],
            ["Kopi", "abc", "5", ""],
            ["Teh", "20000", "banyak sekali", ""],
            ["", "15000", "", ""],
        ]
    )
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.csv": text})
    _, problems = load_project(root)
    shown = sorted(problems, key=lambda p: p.sort_key())
    assert [p.format("id") for p in shown] == [
        'sellers/toko/products/daftar.csv:1: peringatan: kolom D (hrga): isian "hrga" tidak dikenal — '
        'maksudnya "harga"?',
        'sellers/toko/products/daftar.csv:2: kolom B (harga): harga "abc" bukan angka — tulis misalnya 300000 '
        "atau 300rb",
        shown[2].format("id"),
        'sellers/toko/products/daftar.csv:4: kolom "nama" di baris ini kosong padahal wajib diisi — '
        "isi kolom itu, atau hapus barisnya",
    ]
    assert shown[2].format("id").startswith("sellers/toko/products/daftar.csv:3: kolom C (stok): ")
    assert [p.format("en") for p in shown][:2] == [
        'sellers/toko/products/daftar.csv:1: warning: column D (hrga): unknown field "hrga" — did you mean "harga"?',
        'sellers/toko/products/daftar.csv:2: column B (harga): price "abc" is not a number — write e.g. 300000 '
        "or 300rb",
    ]


def test_a_sheet_without_a_name_column_is_one_error(scratch):
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.csv": "produk;harga\nKopi;35000\n"})
    _, problems = load_project(root)
    assert [p.format("en") for p in problems if p.is_error] == [
        'sellers/toko/products/daftar.csv:1: no header row found: no "name" column in the first rows — write the '
        "column headings in the first row, e.g.: name, price, category, stock, photos, description"
    ]


def test_a_cell_keeps_its_column_through_pickling():
    cell = pickle.loads(pickle.dumps(Cell(7, "B (harga)")))
    assert cell == 7 and cell.column == "B (harga)" and isinstance(cell, Cell)


def test_cells_as_a_seller_typed_them():
    assert cell_text(350000.0) == "350000"
    assert cell_text(12.5) == "12.5"
    assert cell_text(8123456789.0) == "8123456789"  # a phone number stored as a number: no exponent, no .0
    assert parse_phone(cell_text(8123456789.0)) == "628123456789"  # its lost leading 0 is no matter
    assert cell_text("'0812-3456-7890") == "0812-3456-7890"
    assert cell_text("'s Gravenhage") == "'s Gravenhage"  # an apostrophe that is text stays
    assert cell_text(dt.datetime(2025, 8, 17)) == "17/08/2025"
    assert cell_text(True) == "ya"
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_a_changed_sheet_is_read_again_by_the_next_build(scratch):
    text = _csv([["nama", "harga"], ["Kopi", "35000"], ["Teh", "20000"]])
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.csv": text})
    first = build(root)
    assert first.ok and first.products == 2
    page = root / "output" / "toko" / "kopi.html"
    assert "35.000" in page.read_text(encoding="utf-8")
    path = root / "sellers/toko/products/daftar.csv"
    path.write_text(_csv([["nama", "harga"], ["Kopi", "45000"], ["Teh", "20000"], ["Gula", "10000"]]))
    second = build(root)
    assert second.ok and second.products == 3
    assert "45.000" in page.read_text(encoding="utf-8")
    assert (root / "output" / "toko" / "gula.html").is_file()


# --- .xlsx -----------------------------------------------------------------------------------------

openpyxl = pytest.importorskip("openpyxl")


def _xlsx(build_sheet) -> bytes:
    book = openpyxl.Workbook()
    build_sheet(book)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_xlsx_loads_to_the_same_products_as_markdown(scratch, reference):
    def sheet(book):
        notes = book.active
        notes.title = "Catatan"
        notes.append(["nama", "harga"])  # another sheet first: the one named produk is read
        notes.append(["Bukan produk", 1])
        ws = book.create_sheet("Produk")
        ws.append(["Daftar harga"])
        ws.merge_cells("A1:H1")  # a merged title row above the header
        ws.append(["Nama", "Harga", "Kategori", "Stok", "Foto", None, "Varian", "Unggulan", "Deskripsi", "Kode"])
        ws.merge_cells("E2:F2")  # `Foto` over two columns of file names
        ws.append(["Kopi Gayo", 350000.0, "Kopi", 5.0, "kopi-gayo.jpg", "kopi-gayo-2.jpg", "Kecil=15rb; Besar=1,5jt"])
        ws["I3"] = "Harum dan **mantap**."
        ws.append(["Teh Melati – Wangi", 25000, None, None, "teh.jpg", None, "S, M, L", True])
        ws.append(["Gula Aren", "tanya", None, "habis"])
        ws["B3"].number_format = '"Rp"#,##0'  # a price formatted as money: the cell is still a number
        ws["B4"].number_format = "#,##0.00"
        ws.append([None] * 8)  # formatting left on empty rows and columns
        ws["L30"] = None
        ws["L30"].number_format = "0"

    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.xlsx": _xlsx(sheet)} | PHOTOS)
    products, problems = _products(root)
    assert [p.format("en") for p in problems] == []
    assert products == reference


def test_xlsx_numbers_dates_and_phones(scratch):
    def sheet(book):
        ws = book.active
        ws.append(["nama", "harga", "kode", "deskripsi", "stok"])
        ws.append(["Kopi", 350000.0, 8123456789, dt.datetime(2025, 8, 17), 3.0])

    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.xlsx": _xlsx(sheet)})
    products, _ = _products(root)
    kopi = products["kopi"]
    assert (kopi.price, kopi.sku, kopi.description_text.strip(), kopi.stock) == (350000, "8123456789", "17/08/2025", 3)


def test_xlsx_problems_name_the_row_and_column(scratch):
    def sheet(book):
        ws = book.active
        ws.append(["nama", "harga"])
        ws.append(["Kopi", "mahal"])

    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.xlsx": _xlsx(sheet)})
    _, problems = load_project(root)
    assert [p.format("id") for p in problems] == [
        'sellers/toko/products/daftar.xlsx:2: kolom B (harga): harga "mahal" bukan angka — tulis misalnya 300000 '
        "atau 300rb"
    ]


def test_a_damaged_workbook_is_one_plain_error(scratch):
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.xlsx": b"not a workbook"})
    _, problems = load_project(root)
    assert [p.format("en") for p in problems] == [
        "sellers/toko/products/daftar.xlsx: this Excel file cannot be read (BadZipFile) — open it in Excel or "
        "Google Sheets and save it again as .xlsx (without a password), or as .csv"
    ]


def test_a_row_without_a_name_says_to_fill_the_column(scratch, run):
    root = scratch(
        {
            "sellers/toko/shop.yaml": "nama: Toko\nwhatsapp: 0812 3456 7890\n",
            "sellers/toko/products/daftar.csv": "nama;harga\nKain A;350rb\n;25rb\n",
        }
    )
    code, _, err = run(["check", str(root)])
    assert code == 1
    assert (
        'sellers/toko/products/daftar.csv:3: kolom "nama" di baris ini kosong padahal wajib diisi — '
        "isi kolom itu, atau hapus barisnya"
    ) in err
