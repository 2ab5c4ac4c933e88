"""Spreadsheets as product files: `products/*.csv` and `products/*.xlsx`, one row per product.

The header row holds the same keys as the other forms (`nama, harga, kategori, stok, foto,
deskripsi, varian`, or in English); each row becomes the mapping a YAML product file would
give, so the same code reads its values. Every cell knows its row (the line problems name)
and its column (named beside the row: `produk.csv:4: kolom B (harga): …`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from generator.core.errors import Cell, ContentError, Problem, problem
from generator.load.keys import PRODUCT_KEYS, canonical_keys
from generator.load.readers import Entry, read_file_bytes
from generator.load.textio import decode_text
from generator.load.yamlio import LineDict, LineList

SHEET_SUFFIXES = {".csv", ".xlsx", ".ods"}
MAX_WORKBOOK_BYTES = 25 * 1024 * 1024  # a workbook may carry pasted pictures, which are not read
SHEET_NAMES = ("produk", "products", "product")  # the sheet read when a workbook has several
HEADER_ROWS = 10  # the header is looked for in this many first rows (a title row may come before it)
EMPTY_ROWS_AFTER = 1000  # this many empty rows in a row end the sheet (formatting left on empty rows)
# Columns a sheet may carry beside the product's keys: `lapak export` writes which shop a row is from.
IGNORED_COLUMNS = {"toko", "shop", "nama_toko"}
_NAME_KEYS = {"name", *PRODUCT_KEYS["name"]}
_APOSTROPHE = re.compile(r"'(?=\s*(?:[0-9+]|rp))", re.I)  # Excel's "keep as text" mark before a number
_VARIANT_SPLIT = re.compile(r",\s*(?=[^,=]*=)")  # a comma that starts a `name=price` pair


def read_sheet(path: Path, rel: str, data: bytes | None = None) -> list[Entry]:
    """All products of a `.csv` or `.xlsx` file, one Entry per row that holds anything."""
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(read_file_bytes(path, rel, data, MAX_WORKBOOK_BYTES), rel)
    elif path.suffix.lower() == ".ods":
        rows = _ods_rows(read_file_bytes(path, rel, data, MAX_WORKBOOK_BYTES), rel)
    else:
        rows = _csv_rows(decode_text(read_file_bytes(path, rel, data)))
    return entries_from_rows(rows, rel, path.stem)


def sheet_rows(path: Path, rel: str) -> list[tuple[int, list]]:
    """Every row of a `.csv` or `.xlsx` file as `(row number, cells)`, numbered as a spreadsheet
    shows them (other readers of sheets, such as `lapak import`, start from these)."""
    if path.suffix.lower() == ".xlsx":
        return list(_xlsx_rows(read_file_bytes(path, rel, None, MAX_WORKBOOK_BYTES), rel))
    if path.suffix.lower() == ".ods":
        return list(_ods_rows(read_file_bytes(path, rel, None, MAX_WORKBOOK_BYTES), rel))
    text = decode_text(read_file_bytes(path, rel, None))
    first = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    return list(enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1))


def entries_from_rows(rows: Iterable[tuple[int, list]], rel: str, stem: str) -> list[Entry]:
    """`(row number, cells)` → product entries; a header row that cannot be read is an error, its
    warnings (an unknown column) are told once, with the first product, not once a row."""
    rows = iter(rows)
    header, header_row, before = _find_header(rows, rel)
    columns, warnings = _columns(header, header_row, rel)
    entries = []
    for number, cells in _chain(before, rows):
        data = _row_mapping(number, cells, columns)
        if data is not None:
            entries.append(Entry(data, "", stem, True))
    if not entries:
        raise ContentError(problem(rel, None, "product.empty_file"))
    entries[0] = replace(entries[0], problems=tuple(warnings))
    return entries


def _chain(first: list, rest: Iterator) -> Iterator[tuple[int, list]]:
    yield from first
    empty = 0
    for number, cells in rest:
        empty = 0 if any(_filled(c) for c in cells) else empty + 1
        if empty >= EMPTY_ROWS_AFTER:
            return
        yield number, cells


def _find_header(rows: Iterator[tuple[int, list]], rel: str) -> tuple[list, int, list]:
    """The header row: the first with a name column among the first rows (a title above it is
    skipped); the rows read past it while looking are given back."""
    seen: list[tuple[int, list]] = []
    for number, cells in rows:
        seen.append((number, cells))
        if any(_key(c) in _NAME_KEYS for c in cells):
            return cells, number, []
        if len([s for s in seen if any(_filled(c) for c in s[1])]) >= HEADER_ROWS:
            break
    first = next(((n, c) for n, c in seen if any(_filled(x) for x in c)), None)
    if first is None:
        raise ContentError(problem(rel, None, "product.empty_file"))
    raise ContentError(problem(rel, first[0], "sheet.no_name_column"))


def _key(cell) -> str:
    return "_".join(str(cell).strip().lower().replace("-", " ").split()) if _filled(cell) else ""


def _filled(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column as a spreadsheet shows it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _columns(header: list, row: int, rel: str) -> tuple[dict[int, tuple[str, str]], list[Problem]]:
    """Column index → (canonical key, how the column is named in messages), and the header's
    warnings (an unknown or repeated column).

    An empty header cell continues the column on its left, as a header cell merged over two
    columns leaves it (`foto` over two columns of file names)."""
    written = LineDict()
    written.line = row
    names: dict[int, str] = {}
    last: int | None = None
    spans: dict[int, int] = {}  # column → the column whose header it continues
    for i, cell in enumerate(header):
        if not _filled(cell):
            if last is not None:
                spans[i] = last
            continue
        text = " ".join(str(cell).split())
        last = i
        if _key(text) in IGNORED_COLUMNS:
            last = None
            continue
        names[i] = text
        if text in written:  # the same heading twice: the last column is used, as the warning says
            written.duplicates.append((text, Cell(row, _label(i, text))))
        written[text] = i
        written.lines[text] = Cell(row, _label(i, text))
    values, problems = canonical_keys(written, PRODUCT_KEYS, rel)
    columns = {index: (key, _label(index, names[index])) for key, (index, _) in values.items()}
    for i, source in spans.items():
        if source in columns:
            columns[i] = (columns[source][0], _label(i, names[source]))
    return columns, problems


def _label(index: int, name: str) -> str:
    return f"{column_letter(index)} ({name})"


def _row_mapping(number: int, cells: list, columns: dict[int, tuple[str, str]]) -> LineDict | None:
    """One row → the mapping a YAML product would be: `{canonical key: text}` with the cell of each."""
    found: dict[str, list[tuple[str, Cell]]] = {}
    for i, cell in enumerate(cells):
        if i not in columns:
            continue
        text = cell_text(cell)
        if text:
            key, label = columns[i]
            found.setdefault(key, []).append((text, Cell(number, label)))
    if not found:
        return None
    data = LineDict()
    data.line = number
    for key, parts in found.items():
        where = parts[0][1]
        text = "\n".join(t for t, _ in parts)
        if key == "photos":
            data[key] = _listed(text, where)
        elif key == "variants":
            data[key] = _variants(text, where)
        else:
            data[key] = text
        data.lines[key] = where
    return data


def cell_text(value) -> str:
    """A cell as the text a seller would have typed: 350000.0 → 350000, a date as 17/08/2025,
    `'0812…` (Excel's mark for a number kept as text) without its apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y" if value.time() == dt.time() else "%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = str(value).strip()
    return _APOSTROPHE.sub("", text, count=1) if text.startswith("'") else text


def _listed(text: str, where: Cell) -> LineList:
    """`a.jpg, b.jpg` / `a.jpg; b.jpg` / one a line → the list a YAML file would give."""
    items = LineList(p.strip() for p in re.split(r"[,;\n]", text) if p.strip())
    items.line = where
    items.lines = [where] * len(items)
    return items


def _variants(text: str, where: Cell) -> LineList | str:
    """`S, M, L` (names) or `Kecil=15rb; Besar=20rb` (names with their prices) → a variant list.

    Parts are split on `;` and new lines; on commas too, but a comma inside a price
    (`Besar=1,5jt`) stays in it."""
    parts = [p.strip() for p in re.split(r"[;\n]", text)]
    split = [q.strip() for p in parts for q in (_VARIANT_SPLIT.split(p) if "=" in p else p.split(","))]
    items = LineList()
    items.line = where
    for part in split:
        if not part:
            continue
        if "=" in part:
            name, price = (s.strip() for s in part.split("=", 1))
            pair = LineDict({"name": name, "price": price})
            pair.line = where
            pair.lines = {"name": where, "price": where}
            items.append(pair)
        else:
            items.append(part)
        items.lines.append(where)
    return items


# --- reading the files ---------------------------------------------------------------------------


def _csv_rows(text: str) -> Iterator[tuple[int, list]]:
    """The rows of a CSV text, numbered as a spreadsheet shows them (a cell over several lines
    is one row), with `,`, `;` (Indonesian Excel) or a tab between cells."""
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    yield from enumerate(reader, 1)


def _delimiter(text: str) -> str:
    """The separator that makes a header row with a name column of the first lines; else the
    one the first filled line holds most of."""
    head = "\n".join(text.split("\n", HEADER_ROWS + 2)[: HEADER_ROWS + 1])
    for delimiter in (";", ",", "\t"):
        for cells in csv.reader(io.StringIO(head), delimiter=delimiter):
            if len(cells) > 1 and any(_key(c) in _NAME_KEYS for c in cells):
                return delimiter
    first = next((line for line in text.split("\n") if line.strip()), "")
    return max((",", ";", "\t"), key=first.count)


def _xlsx_rows(data: bytes, rel: str) -> Iterator[tuple[int, list]]:
    import warnings

    import openpyxl  # only when a workbook is there to read

    try:
        with warnings.catch_warnings():  # "no default style" and the like: nothing a seller can act on
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # a damaged or protected workbook fails in many ways inside openpyxl
        raise ContentError(problem(rel, None, "sheet.unreadable", detail=type(e).__name__)) from e
    try:
        sheet = next((s for s in book.worksheets if s.title.strip().lower() in SHEET_NAMES), book.worksheets[0])
        sheet.reset_dimensions()  # the size a workbook states is not always true: read every row there is
        rows = [(n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)]
    except Exception as e:  # as above, while the rows are read
        raise ContentError(problem(rel, None, "sheet.unreadable", detail=type(e).__name__)) from e
    finally:
        book.close()
    return iter(rows)


def _ods_rows(data: bytes, rel: str) -> Iterator[tuple[int, list]]:
    """The rows of an OpenDocument sheet (LibreOffice, and Google Sheets' "download as .ods"),
    read with python-calamine; the sheet chosen as for a workbook (the first, or `produk`)."""
    import python_calamine  # only when an .ods file is there to read

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        name = next((n for n in names if n.strip().lower() in SHEET_NAMES), names[0])
        cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as e:  # a damaged file fails in many ways inside the reader
        raise ContentError(problem(rel, None, "sheet.unreadable", detail=type(e).__name__)) from e
    return iter([(n, [None if c == "" else c for c in row]) for n, row in enumerate(cells, 1)])
