"""One product entry (YAML mapping + Markdown body) → a Product model, with every problem found."""

from __future__ import annotations

import hashlib
import math
from typing import Literal

from generator.core.errors import WARNING, Problem, problem
from generator.core.models import Photo, Product, Variant
from generator.load.fields import Fields
from generator.load.keys import PHOTO_KEYS, PRODUCT_KEYS, VARIANT_KEYS, canonical_keys
from generator.load.markup import MAX_TEXT_CHARS, html_to_text, render_markdown
from generator.load.paths import PhotoIndex, escapes_folder, unsafe_path
from generator.load.readers import Entry
from generator.load.values import (
    ASK,
    EXAMPLE_PRODUCT,
    InvalidValue,
    parse_bool,
    parse_stock,
    read_price,
    slugify,
)
from generator.load.yamlio import LineDict, LineList

MAX_VARIANTS = 200
MAX_PHOTOS = 30


def fallback_slug(text: str, prefix: str) -> str:
    """A stable slug for names with no Latin letters (e.g. only Javanese script or emoji)."""
    return f"{prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"


def load_product(
    entry: Entry, rel: str, photos: PhotoIndex, prefix_photos: list[str], digits: int
) -> tuple[Product | None, list[Problem]]:
    """Read one product; returns None as the product when it has an error."""
    problems: list[Problem] = list(entry.problems)
    values, key_problems = canonical_keys(entry.data, PRODUCT_KEYS, rel)
    problems.extend(key_problems)
    f = Fields(values, rel, entry.data.line or 1, problems)
    name = f.line_text("name", required=True)
    price, unit = _read_price(f, digits)
    variants = read_variants(f, digits)
    body = entry.body if entry.body.strip() else f.text("description")
    description_html, removed = render_markdown(body)
    line = entry.body_line if entry.body.strip() else f.line_of("description")
    if removed:
        problems.append(problem(rel, line, "text.unsafe_removed", WARNING, what=", ".join(removed)))
    if len(body) > MAX_TEXT_CHARS:
        problems.append(problem(rel, line, "text.too_long", WARNING, count=len(body), limit=MAX_TEXT_CHARS))
    slug = (
        slugify(f.text("slug"))
        or slugify(name if entry.in_list else entry.stem)
        or slugify(name)
        or fallback_slug(name or entry.stem, "produk")
    )
    category = f.line_text("category") or None
    if (name, category) == EXAMPLE_PRODUCT:  # `lapak new`'s example, not yet made the seller's own
        problems.append(problem(rel, entry.data.line or 1, "product.example", WARNING))
    product = Product(
        slug=slug,
        name=name,
        price=None if price == ASK else price,
        source=rel,
        line=entry.data.line or 1,
        description_html=description_html,
        description_text=html_to_text(description_html),
        photos=read_photos(f, photos, prefix_photos, name),
        category=category,
        category_slug=(slugify(category) or fallback_slug(category, "kategori")) if category else None,
        variants=variants,
        stock=f.parsed("stock", parse_stock, field="stock"),
        old_price=_old_price(f, digits),
        weight=f.text("weight") or None,
        featured=bool(f.parsed("featured", parse_bool, default=False, severity=WARNING, field="featured")),
        tags=f.text_list("tags"),
        order=f.parsed("order", _parse_order, severity=WARNING, field="order"),
        sku=f.text("sku") or None,
        price_unit=unit,
        hidden=bool(f.parsed("hidden", parse_bool, default=False, severity=WARNING, field="hidden")),
    )
    if (
        product.old_price is not None
        and product.min_price is not None
        and not product.shown_old_price
        and not any(product.variant_old_price(v) for v in product.variants)
    ):
        f.report("old_price", "old_price.not_higher", WARNING, old=_grouped(product.old_price, digits))
    if any(p.is_error for p in problems):
        return None, problems
    return product, problems


def _grouped(amount: int, digits: int) -> str:
    whole = amount // 10**digits
    return f"{whole:,}".replace(",", ".") + (f",{amount % 10**digits:0{digits}d}" if digits else "")


def _read_price(f: Fields, digits: int) -> tuple[int | Literal["ask"] | None, str | None]:
    if not f.has("price") or _null(f.raw("price")):  # `harga: ""`, `harga: null`: no price yet
        if not (f.has("variants") and isinstance(f.raw("variants"), (list, dict))):
            f.report(None, "price.missing")
        return None, None
    return price_field(f, "price", digits)


def _null(value) -> bool:
    return isinstance(value, str) and value.strip().lower() in ("null", "~")


def price_field(
    f: Fields, key: str, digits: int, severity: str = "error"
) -> tuple[int | Literal["ask"] | None, str | None]:
    """A price and its unit, the complaint a Problem and a doubtful reading a warning."""
    if _null(f.raw(key)):
        return None, None
    reading = f.parsed(key, lambda t: read_price(t, digits), severity=severity, field=key)
    if reading is None:
        return None, None
    if reading.doubt:
        code, params = reading.doubt
        f.report(key, code, WARNING, **params)
    return reading.amount, reading.unit


def _old_price(f: Fields, digits: int) -> int | None:
    value, _ = price_field(f, "old_price", digits, WARNING)
    return None if value == ASK else value


def _parse_order(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise InvalidValue("order.invalid", value=text) from None
    if not math.isfinite(value):  # nan would make the product order depend on chance
        raise InvalidValue("order.invalid", value=text)
    return value


def read_variants(f: Fields, digits: int) -> tuple[Variant, ...]:
    """Variants as a list of mappings, `- 250 gram: 35rb` pairs, plain names, or one mapping."""
    if not f.has("variants"):
        return ()
    raw = f.raw("variants")
    line = f.line_of("variants")
    items: list[tuple[object, int]]
    if isinstance(raw, LineList):
        items = [(item, raw.line_of(i)) for i, item in enumerate(raw)]
    elif isinstance(raw, LineDict):
        items = [(_pair(k, v, raw.line_of(k)), raw.line_of(k)) for k, v in raw.items()]
    else:
        items = [(part.strip(), line) for part in str(raw).replace("\n", ",").split(",") if part.strip()]
    if len(items) > MAX_VARIANTS:
        f.report("variants", "variants.too_many", count=len(items), limit=MAX_VARIANTS)
        return ()
    variants = [v for v in (_variant(item, ln, f, digits) for item, ln in items) if v]
    seen: set[str] = set()
    for v in variants:
        if v.name.lower() in seen:
            f.report("variants", "variants.duplicate", WARNING, name=v.name)
        seen.add(v.name.lower())
    return tuple(variants)


def _pair(key: str, value, line: int) -> LineDict:
    d = LineDict({"name": key, "price": value})
    d.line = line
    d.lines = {"name": line, "price": line}
    return d


def _variant(item, line: int, f: Fields, digits: int) -> Variant | None:
    if item is None:
        return None
    if isinstance(item, str):
        return Variant(name=item.strip()) if item.strip() else None
    if not isinstance(item, LineDict):
        f.problems.append(_at(f, line, "variants.invalid"))
        return None
    if len(item) == 1:
        ((key, value),) = item.items()
        if key.lower() not in _VARIANT_ALIASES and not isinstance(value, (dict, list)):
            item = _pair(key, value, line)
    values, key_problems = canonical_keys(item, VARIANT_KEYS, f.path)
    f.problems.extend(key_problems)
    vf = Fields(values, f.path, line, f.problems)
    name = vf.text("name", required=True, field="variants.name")
    price, unit = price_field(vf, "price", digits)
    return Variant(
        name=name,
        price=None if price == ASK else price,
        old_price=_old_price(vf, digits),
        stock=vf.parsed("stock", parse_stock, field="stock"),
        price_unit=unit if price not in (ASK, None) else None,
    )


_VARIANT_ALIASES = frozenset(k for canonical, aliases in VARIANT_KEYS.items() for k in [canonical, *aliases])


def _at(f: Fields, line: int, code: str, severity: str = "error", **params) -> Problem:
    return problem(f.path, line, code, severity, **params)


def read_photos(f: Fields, index: PhotoIndex, prefix_photos: list[str], name: str) -> tuple[Photo, ...]:
    """Photos listed under `photos:`, else the ones named after the product file."""
    if not f.has("photos"):
        if len(prefix_photos) > MAX_PHOTOS:
            f.report(None, "photos.too_many", WARNING, count=len(prefix_photos), limit=MAX_PHOTOS)
        return tuple(Photo(index.rel(n), name) for n in prefix_photos[:MAX_PHOTOS])
    raw = f.raw("photos")
    line = f.line_of("photos")
    if isinstance(raw, LineList):
        items = [(item, raw.line_of(i)) for i, item in enumerate(raw)]
    elif isinstance(raw, LineDict):
        items = [(raw, line)]
    else:
        items = [(part.strip(), line) for part in str(raw).replace("\n", ",").split(",") if part.strip()]
    if len(items) > MAX_PHOTOS:
        f.report("photos", "photos.too_many", WARNING, count=len(items), limit=MAX_PHOTOS)
    photos = [p for p in (_photo(item, ln, f, index, name) for item, ln in items[:MAX_PHOTOS]) if p]
    return tuple(dict.fromkeys(photos))


def _photo(item, line: int, f: Fields, index: PhotoIndex, name: str) -> Photo | None:
    alt = name
    if isinstance(item, LineDict):
        values, key_problems = canonical_keys(item, PHOTO_KEYS, f.path)
        f.problems.extend(key_problems)
        pf = Fields(values, f.path, line, f.problems)
        alt = pf.text("alt") or name
        item = pf.text("file", required=True, field="photos.file")
    if not isinstance(item, str) or not item.strip():
        return None
    return resolve_photo(item.strip(), line, f, index, alt)


def resolve_photo(written: str, line: int, f: Fields, index: PhotoIndex, alt: str) -> Photo | None:
    """A written file name → Photo, or a Problem (outside the folder: error; missing: warning)."""
    if unsafe_path(written):
        f.problems.append(_at(f, line, "photo.outside", file=written))
        return None
    found = index.find(written)
    if found is None and index.drawing(written):
        f.problems.append(_at(f, line, "photo.svg", WARNING, file=written))
        return None
    if found is None:
        hint = index.suggest(written)
        code = "photo.missing_hint" if hint else "photo.missing"
        f.problems.append(_at(f, line, code, WARNING, file=written, hint=hint or "", folder=index.folder))
        return None
    if escapes_folder(index.seller_dir / index.rel(found), index.seller_dir):
        f.problems.append(_at(f, line, "photo.outside", file=written))
        return None
    return Photo(index.rel(found), alt)
