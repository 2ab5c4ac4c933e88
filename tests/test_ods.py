"""`.ods` product files (LibreOffice's own form): the same products and `file:row` messages as `.csv`/`.xlsx`.

The workbook is written here by hand (a zip with `mimetype`, a manifest and `content.xml`, as
the OpenDocument standard lays it out), so the test needs no library that writes .ods."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from test_sheets import PHOTOS, SHOP, _products, reference  # noqa: F401 (a fixture)

from generator.load.loader import load_project

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>
"""


def _cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if value == "<merged>":
        return "<table:covered-table-cell/>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = f'office:value-type="float" office:value="{value}"'
        return f"<table:table-cell {number}><text:p>{value}</text:p></table:table-cell>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods(sheets: dict[str, list[list]]) -> bytes:
    """An .ods file with these sheets (name → rows of cells; "<merged>" is a cell covered by the one on its left)."""
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(_cell(c) for c in row) + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")  # stored, first
        z.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", CONTENT.format(tables=tables), zipfile.ZIP_DEFLATED)
    return data.getvalue()


def test_ods_loads_to_the_same_products_as_markdown(scratch, reference):  # noqa: F811
    rows = [
        ["Daftar harga"],
        ["Nama", "Harga", "Kategori", "Stok", "Foto", "<merged>", "Varian", "Unggulan", "Deskripsi"],
        [
            "Kopi Gayo",
            350000.0,
            "Kopi",
            5,
            "kopi-gayo.jpg",
            "kopi-gayo-2.jpg",
            "Kecil=15rb; Besar=1,5jt",
            None,
            "Harum dan **mantap**.",
        ],
        ["Teh Melati – Wangi", 25000, None, None, "teh.jpg", None, "S, M, L", "ya"],
        ["Gula Aren", "tanya", None, "habis"],
        [None, None],
    ]
    book = ods({"Catatan": [["nama", "harga"], ["Bukan produk", 1]], "Produk": rows})
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.ods": book} | PHOTOS)
    products, problems = _products(root)
    assert [p.format("en") for p in problems] == []
    assert products == reference


def test_ods_problems_name_the_row_and_column_in_both_languages(scratch):
    book = ods({"Sheet1": [["nama", "harga"], ["Kopi", "mahal"]]})
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.ods": book})
    _, problems = load_project(root)
    assert [p.format("id") for p in problems] == [
        'sellers/toko/products/daftar.ods:2: kolom B (harga): harga "mahal" bukan angka — tulis misalnya 300000 '
        "atau 300rb"
    ]
    assert [p.format("en") for p in problems] == [
        'sellers/toko/products/daftar.ods:2: column B (harga): price "mahal" is not a number — write e.g. 300000 '
        "or 300rb"
    ]


def test_a_damaged_ods_is_one_plain_error(scratch):
    root = scratch({"sellers/toko/shop.yaml": SHOP, "sellers/toko/products/daftar.ods": b"not a sheet"})
    _, problems = load_project(root)
    assert len(problems) == 1 and problems[0].is_error
    assert problems[0].format("en").startswith("sellers/toko/products/daftar.ods: this Excel file cannot be read (")
