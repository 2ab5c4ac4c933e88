"""`lapak export`: every product of every shop as one sheet (`.csv` or `.xlsx`), one row a product.

The columns are the product keys in Indonesian, so the sheet reads back as a seller's
`products/` file (load/sheets.py): `toko` (which shop a row is from) is skipped there.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.core.atomic import write_atomic
from generator.core.models import Product, Shop
from generator.core.money import currency_digits
from generator.load.loader import load_one_seller, read_market

COLUMNS = (
    "toko",
    "nama",
    "harga",
    "kategori",
    "stok",
    "harga_coret",
    "deskripsi",
    "foto",
    "varian",
    "berat",
    "unggulan",
    "tag",
    "urutan",
    "kode",
    "slug",
    "sembunyikan",
)
CSV_DELIMITER = ";"  # what Excel set to Indonesian opens into columns (its list separator); the reader takes both


def export_products(root: Path, target: Path, kind: str) -> tuple[int, list[str]]:
    """Write every product under `root` to `target` (`kind`: "csv" or "xlsx"); returns the number
    of products written and the shops left out because their files have errors. A hidden
    product is written too (`sembunyikan: ya`): a sheet saved back as the shop's products/ file
    must lose nothing."""
    _, sellers, _ = read_market(root, None)
    rows: list[list[str | int | float]] = []
    left_out = []
    for seller in sellers:
        one = load_one_seller(seller.folder, seller.rel, seller.slug, seller.market)
        if one.shop is None or any(p.is_error for p in one.problems):
            left_out.append(seller.slug)
            continue
        digits = currency_digits(one.shop.currency)
        rows += [_row(one.shop, product, digits) for product in one.products]
    data = xlsx_bytes(rows) if kind == "xlsx" else csv_bytes(rows)
    write_atomic(target, data)
    return len(rows), left_out


def _row(shop: Shop, p: Product, digits: int) -> list[str | int | float]:
    if p.price is not None:
        price: str | int = _amount(p.price, digits, p.price_unit)
    else:
        price = "tanya" if p.price_on_request else ""
    variants = "; ".join(
        f"{v.name}={_amount(v.price, digits, v.price_unit)}" if v.price is not None else v.name for v in p.variants
    )
    order: str | int | float = ""
    if p.order is not None:
        order = int(p.order) if float(p.order).is_integer() else p.order
    return [
        shop.slug,
        p.name,
        price,
        p.category or "",
        "" if p.stock is None else p.stock,
        "" if p.old_price is None else _amount(p.old_price, digits, None),
        p.description_text.strip(),
        "; ".join(photo.path.split("/", 1)[-1] for photo in p.photos),  # as written in foto: (no folder)
        variants,
        p.weight or "",
        "ya" if p.featured else "",
        ", ".join(p.tags),
        order,
        p.sku or "",
        p.slug,
        "ya" if p.hidden else "",
    ]


def _amount(amount: int, digits: int, unit: str | None) -> str | int:
    """A price as a seller writes it: 350000 (a number, for sums), 12,50 for a currency with cents,
    35000/kg with its unit."""
    text: str | int = amount if not digits else f"{amount // 10**digits},{amount % 10**digits:0{digits}d}"
    return f"{text}/{unit}" if unit else text


def csv_bytes(rows: list[list[str | int | float]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM: Excel reads the file as UTF-8, not as cp1252


def xlsx_bytes(rows: list[list[str | int | float]]) -> bytes:
    import openpyxl  # only for an .xlsx

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("produk")
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
