"""Variants as simple rows in the product form: a name, an optional own price, an optional stock.

The rows are read from the file as written (`- Kecil`, `- 250 gram: 35rb`, `- nama: …` /
`harga: …`, or `S, M, L`), and written back only when they changed: an item whose name is
still there keeps its own form, its key names and any other key (`harga_coret`, …); a new row
is written the way the examples write one. Prices go through the build's own forgiving reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.core.messages import render_message
from generator.load.keys import VARIANT_KEYS
from generator.load.values import InvalidValue, parse_price, parse_stock

MAX_ROWS = 30  # more than a phone form should hold; a longer list is changed on a computer
EMPTY_ROWS = 2  # always shown below the others: "add a row" without JavaScript
ROW_LIMITS = {"nama": 80, "harga": 40, "stok": 30}
_ALIASES = {alias: canonical for canonical, aliases in VARIANT_KEYS.items() for alias in [canonical, *aliases]}
_ROW_KEYS = {"name": "nama", "price": "harga", "stock": "stok"}
_NEW_KEYS = {
    "id": {"name": "nama", "price": "harga", "stock": "stok"},
    "en": {"name": "name", "price": "price", "stock": "stock"},
}


@dataclass(frozen=True)
class Row:
    nama: str = ""
    harga: str = ""
    stok: str = ""

    @property
    def empty(self) -> bool:
        return not (self.nama or self.harga or self.stok)


def _clean(key) -> str:
    return "_".join(str(key).strip().lower().replace("-", " ").split())


def _text(value) -> str:
    if value is None or isinstance(value, (list, dict)):
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return str(value).strip()


def rows_of(value) -> list[Row] | None:
    """The rows a written `variants` value shows as; None when it holds more than rows can say."""
    if value is None:
        return []
    if isinstance(value, str):
        return [Row(part.strip()) for part in value.replace("\n", ",").split(",") if part.strip()]
    if isinstance(value, dict):
        if any(isinstance(v, (list, dict)) for v in value.values()) or len(value) > MAX_ROWS:
            return None
        return [Row(_text(k), _text(v)) for k, v in value.items()]
    if not isinstance(value, list):
        return None
    rows: list[Row] = []
    for item in value:
        if isinstance(item, str) or isinstance(item, (int, float)) and not isinstance(item, bool):
            rows.append(Row(_text(item)))
        elif isinstance(item, dict) and len(item) == 1 and _clean(next(iter(item))) not in _ALIASES:
            ((key, price),) = item.items()
            if isinstance(price, (list, dict)):
                return None
            rows.append(Row(_text(key), _text(price)))
        elif isinstance(item, dict):
            got = {_ALIASES.get(_clean(k)): v for k, v in item.items()}
            if None in got or any(isinstance(v, (list, dict)) for v in got.values()):
                return None
            rows.append(Row(_text(got.get("name")), _text(got.get("price")), _text(got.get("stock"))))
        else:
            return None
    if len(rows) > MAX_ROWS:
        return None
    return rows


def from_form(names: list[str], prices: list[str], stocks: list[str]) -> list[Row]:
    """The rows as sent, one-line and trimmed, empty rows left out."""
    count = max(len(names), len(prices), len(stocks))
    pad = [*names, *[""] * count][:count], [*prices, *[""] * count][:count], [*stocks, *[""] * count][:count]
    rows = [Row(*(" ".join(str(v).split()) for v in cells)) for cells in zip(*pad)]
    return [r for r in rows if not r.empty]


def check(rows: list[Row], digits: int, lang: str) -> list[tuple[str, dict]]:
    """Each row read as the build reads it; problems name the row (counted from 1, as shown)."""
    problems: list[tuple[str, dict]] = []
    if len(rows) > MAX_ROWS:
        return [("edit.variant_too_many", {"count": len(rows), "limit": MAX_ROWS})]
    for n, row in enumerate(rows, 1):
        if not row.nama:
            problems.append(("edit.variant_no_name", {"row": n}))
            continue
        too_long = [f for f, limit in ROW_LIMITS.items() if len(getattr(row, f)) > limit]
        for name in too_long:
            detail = render_message(
                "edit.too_long", {"field": name, "count": len(getattr(row, name)), "limit": ROW_LIMITS[name]}, lang
            )
            problems.append(("edit.variant_row", {"row": n, "name": row.nama[:40], "detail": detail}))
        if too_long:
            continue
        for text, canonical, parse in (
            (row.harga, "price", lambda t: parse_price(t, digits)),
            (row.stok, "stock", parse_stock),
        ):
            if not text:
                continue
            try:
                parse(text)
            except InvalidValue as e:
                detail = render_message(e.code, {"field": canonical, **e.params}, lang)
                problems.append(("edit.variant_row", {"row": n, "name": row.nama, "detail": detail}))
    return problems


def typed(text: str):
    """A number as a number (`25000`), anything else as the text typed (`25rb`, `Rp 25.000`)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 14 and text[0] != "0" else text


def written(current, rows: list[Row], lang: str) -> CommentedSeq | None:
    """The new `variants` value for these rows (None: no variants), reusing each item still named."""
    if not rows:
        return None
    old = list(current) if isinstance(current, list) else []
    old_rows = rows_of(current) if isinstance(current, list) else None
    used: set[int] = set()

    def match(n: int, row: Row) -> int | None:
        if old_rows is None:
            return None
        for i, o in enumerate(old_rows):
            if i not in used and o.nama.lower() == row.nama.lower():
                return i
        if n < len(old_rows) and n not in used and old_rows[n].nama.lower() not in {r.nama.lower() for r in rows}:
            return n
        return None

    out = CommentedSeq()
    for n, row in enumerate(rows):
        i = match(n, row)
        if i is not None:
            used.add(i)
        out.append(_item(old[i] if i is not None else None, row, lang))
    return out


def _item(old, row: Row, lang: str):
    """One row as an item: the old item changed where it differs, else a new one."""
    if isinstance(old, dict) and not (len(old) == 1 and _clean(next(iter(old))) not in _ALIASES):
        keys = {_ALIASES.get(_clean(k)): k for k in old}
        for canonical, field in _ROW_KEYS.items():
            value = getattr(row, field)
            key = keys.get(canonical)
            if not value:
                if key is not None:
                    del old[key]
            elif key is None:
                old[_NEW_KEYS[lang][canonical]] = typed(value)
            elif _text(old[key]) != value:
                old[key] = typed(value) if canonical != "name" else value
        return old
    if not row.stok and not row.harga:
        return row.nama
    if not row.stok and isinstance(old, dict):  # `- 250 gram: 35rb`
        ((key, price),) = old.items()
        if _text(key) == row.nama and _text(price) == row.harga:
            return old
        return CommentedMap([(row.nama, typed(row.harga))])
    item = CommentedMap([(_NEW_KEYS[lang]["name"], row.nama)])
    if row.harga:
        item[_NEW_KEYS[lang]["price"]] = typed(row.harga)
    if row.stok:
        item[_NEW_KEYS[lang]["stock"]] = typed(row.stok)
    return item
