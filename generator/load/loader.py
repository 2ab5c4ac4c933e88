"""The only module that reads `sellers/`: folders and files → Market, Shop and Product models.

Every seller is loaded on its own; a seller with an error is left out of the Market (its
last good output stays) while every problem of every seller is reported.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from babel.numbers import is_currency

from generator.core import caches
from generator.core.errors import WARNING, ContentError, Problem, problem
from generator.core.models import Market, Photo, Product, Shop
from generator.core.money import currency_digits
from generator.load.fields import Fields
from generator.load.keys import COLOR_KEYS, MARKET_KEYS, SHOP_KEYS, canonical_keys
from generator.load.markup import MAX_TEXT_CHARS, html_to_text, render_markdown
from generator.load.memo import ProductMemo
from generator.load.paths import PhotoIndex, escapes_folder, match_by_prefix, natural_key, unsafe_path
from generator.load.products import load_product, resolve_photo
from generator.load.readers import PRODUCT_SUFFIXES, Entry, read_product_file, read_yaml_file
from generator.load.values import (
    PLACEHOLDER_WHATSAPP,
    parse_color,
    parse_instagram,
    parse_phone,
    parse_url,
    phone_doubt,
    slugify,
)
from generator.load.yamlio import LineDict

log = logging.getLogger(__name__)

PRODUCT_FOLDERS = ("products", "produk", "product")
RESERVED_SLUGS = {"index", "404", "katalog", "catalog", "keranjang", "cart", "qr", "sitemap", "robots"}
LANGUAGES = {
    "id": "id",
    "indonesia": "id",
    "bahasa indonesia": "id",
    "ind": "id",
    "en": "en",
    "english": "en",
    "inggris": "en",
    "bahasa inggris": "en",
    "eng": "en",
}


@dataclass(frozen=True)
class LoadTask:
    """One seller to load: what a worker process needs to read its folder."""

    folder: Path
    rel: str  # the folder relative to the project ("sellers/batik-malon/", "" for a single shop)
    slug: str
    market: Market  # the market's settings (not its list of sellers: see read_market)
    memo: Path | None = None  # the seller's memo of its product files (see memo.py)
    memo_later: bool = False  # changed memos saved by memo.save_pending(), not now
    changed: frozenset[str] | None = None  # every file changed since the last load, when known


@dataclass(frozen=True)
class Loaded:
    """A loaded seller: its Shop (None when its files cannot be read as meant) and its problems."""

    shop: Shop | None
    problems: list[Problem]


def read_market(
    root: Path,
    site_url: str | None = None,
    keep=None,
    memo_dir: Path | None = None,
    memo_later: bool = False,
    changed: frozenset[str] | None = None,
) -> tuple[Market, list[LoadTask], list[Problem]]:
    """lapak.yaml and the sellers under `root` (the single-shop form when root has shop.yaml):
    the market's settings, every seller to load, and the problems found so far.

    `keep(market, slug, folder)` says which sellers need no loading (their output stands);
    `memo_dir` holds each seller's memo of its product files; with `memo_later`, changed memos
    are saved by `memo.save_pending()`; `changed`, when known, lists every file changed since
    the last load in this process (the others are not even stat'ed)."""
    root = root.resolve()
    problems: list[Problem] = []
    market = _load_market_settings(root, problems)
    if site_url:  # `--site-url`: where this build will be hosted, whatever lapak.yaml says
        market = replace(market, site_url=site_url.rstrip("/"))
    if (root / "shop.yaml").is_file():
        slug = slugify(root.name) or "toko"
        market = replace(market, single_shop=True, seller_slugs=(slug,))
        if keep and keep(market, slug, root):
            return market, [], problems
        return market, [LoadTask(root, "", slug, market, _memo_path(memo_dir, slug), memo_later, changed)], problems
    sellers_dir = root / "sellers"
    if not sellers_dir.is_dir():
        problems.append(problem("", None, "project.no_sellers"))
        return market, [], problems
    wanted = []
    slugs: dict[str, str] = {}
    for folder in sorted(os.listdir(sellers_dir)):
        path = sellers_dir / folder
        if folder.startswith((".", "_")) or not path.is_dir():
            continue
        rel = f"sellers/{folder}/"
        slug = slugify(folder)
        if not slug or slug in slugs or slug in ("assets",):
            problems.append(
                problem(rel.rstrip("/"), None, "seller.bad_folder_name", folder=folder, other=slugs.get(slug, ""))
            )
            continue
        slugs[slug] = folder
        if not (keep and keep(market, slug, path)):
            wanted.append((path, rel, slug))
    market = replace(market, seller_slugs=tuple(slugs))
    # A task carries the market's settings without the list of every seller: nothing loading or
    # rendering one shop reads it, and each task is sent to a worker (2,500 slugs in each of
    # 2,500 tasks were 180 MB to pickle, growing with the square of the market).
    settings = replace(market, seller_slugs=())
    tasks = [
        LoadTask(path, rel, slug, settings, _memo_path(memo_dir, slug), memo_later, changed)
        for path, rel, slug in wanted
    ]
    return market, tasks, problems


def load_project(root: Path, site_url: str | None = None) -> tuple[Market, list[Problem]]:
    """Every seller under `root` loaded here, one after the other (the build spreads the
    loading over its workers instead: see build.py)."""
    market, tasks, problems = read_market(root, site_url)
    shops = []
    for loaded in map(load_seller_task, tasks):
        problems.extend(loaded.problems)
        if loaded.shop:
            shops.append(loaded.shop)
    return replace(market, shops=tuple(shops)), problems


def _memo_path(memo_dir: Path | None, slug: str) -> Path | None:
    return memo_dir / f"{slug}.memo" if memo_dir else None


def load_seller_task(task: LoadTask) -> Loaded:
    """Worker task, plain data in and out: one seller's folder → its Shop (or None) and its problems."""
    problems: list[Problem] = []
    shop = load_seller(
        task.folder, task.rel, task.slug, task.market, problems, task.memo, task.memo_later, task.changed
    )
    return Loaded(shop, problems)


def _load_market_settings(root: Path, problems: list[Problem]) -> Market:
    path = root / "lapak.yaml"
    market = Market(root=str(root))
    if not path.is_file():
        return market
    try:
        data = read_yaml_file(path, "lapak.yaml")
    except ContentError as e:
        problems.append(e.problem)
        return market
    if data is None:
        return market
    if not isinstance(data, LineDict):
        problems.append(problem("lapak.yaml", 1, "file.not_mapping"))
        return market
    values, key_problems = canonical_keys(data, MARKET_KEYS, "lapak.yaml")
    problems.extend(key_problems)
    f = Fields(values, "lapak.yaml", 1, problems)
    intro_html, _ = render_markdown(f.text("intro"), breaks=False)
    return replace(
        market,
        name=f.text("name") or market.name,
        intro_html=intro_html,
        site_url=(f.parsed("site_url", parse_url, default="", field="site_url") or "").rstrip("/"),
        theme=_theme_name(f) or market.theme,
        language=_language(f) or market.language,
    )


def _language(f: Fields) -> str | None:
    text = f.text("language")
    if not text:
        return None
    lang = LANGUAGES.get(" ".join(text.lower().split()))
    if lang is None:
        f.report("language", "language.unknown", WARNING, value=text)
    return lang


def load_seller(
    folder: Path,
    rel: str,
    slug: str,
    market: Market,
    problems: list[Problem],
    memo_path: Path | None = None,
    memo_later: bool = False,
    changed: frozenset[str] | None = None,
) -> Shop | None:
    """Load one seller's shop.yaml and products; None when any of it has an error."""
    own: list[Problem] = []
    shop = _load_shop_file(folder, rel, slug, market, own)
    # Products are read even when shop.yaml is broken, so one run reports every problem.
    memo = ProductMemo.open(memo_path, changed)
    products = _load_products(folder, rel, shop.currency if shop else "IDR", own, memo)
    memo.save(later=memo_later)
    problems.extend(own)
    if shop is None or any(p.is_error for p in own):
        return None
    # A hidden product (`sembunyikan: ya`) stays in its file and keeps its slug, but is not
    # published: no page, not in the shop, the search, the sitemap or the cart.
    return replace(shop, products=tuple(p for p in products if not p.hidden))


@dataclass
class OneSeller:
    """One seller folder as the build reads it, kept whole even when parts have errors.

    `shop` is None when shop.yaml has an error; `products` holds every product that loaded
    (with or without errors elsewhere); `product_files` every file the build would read as a
    product; `problems` everything the build would report for this folder.
    """

    shop: Shop | None
    products: list[Product]
    product_files: list[str]
    problems: list[Problem]


def market_settings(root: Path, problems: list[Problem] | None = None) -> Market:
    """The market's settings (lapak.yaml, or a single shop's defaults), read as the build reads them."""
    return _load_market_settings(root, problems if problems is not None else [])


def load_one_seller(folder: Path, rel: str, slug: str, market: Market) -> OneSeller:
    """Read one seller folder the way `lapak build` does (same readers, same problems), for a
    tool that shows a seller's own shop (the editor): unlike `load_seller`, the products are
    given back even when shop.yaml or a product has an error, so each one can be shown with
    its problems. Nothing is cached or written."""
    problems: list[Problem] = []
    shop = _load_shop_file(folder, rel, slug, market, problems)
    products = _load_products(folder, rel, shop.currency if shop else "IDR", problems)
    _, paths = _product_files(folder, rel, [])
    return OneSeller(shop, list(products), paths, problems)


def check_shop_text(folder: Path, rel: str, slug: str, text: str, market: Market) -> list[Problem]:
    """The problems the build would report for a shop.yaml holding `text` (nothing is written)."""
    path = rel + "shop.yaml"
    try:
        data = read_yaml_file(folder / "shop.yaml", path, text.encode("utf-8"))
    except ContentError as e:
        return [e.problem]
    if not isinstance(data, LineDict):
        return [problem(path, 1, "shop.empty" if data is None else "file.not_mapping")]
    values, problems = canonical_keys(data, SHOP_KEYS, path)
    _shop_from_fields(Fields(values, path, 1, problems), folder, rel, slug, market)
    return problems


def _load_shop_file(folder: Path, rel: str, slug: str, market: Market, problems: list[Problem]) -> Shop | None:
    path = rel + "shop.yaml"
    if not (folder / "shop.yaml").is_file():
        problems.append(problem(rel.rstrip("/") or ".", None, "shop.no_file"))
        return None
    if escapes_folder(folder / "shop.yaml", folder):
        problems.append(problem(path, None, "path.link_outside"))
        return None
    try:
        data = read_yaml_file(folder / "shop.yaml", path)
    except ContentError as e:
        problems.append(e.problem)
        return None
    if not isinstance(data, LineDict):
        problems.append(problem(path, 1, "shop.empty" if data is None else "file.not_mapping"))
        return None
    values, key_problems = canonical_keys(data, SHOP_KEYS, path)
    problems.extend(key_problems)
    f = Fields(values, path, 1, problems)
    return _shop_from_fields(f, folder, rel, slug, market)


def _check_placeholder(f: Fields, number: str) -> str:
    if number and number == parse_phone(PLACEHOLDER_WHATSAPP):
        f.report("whatsapp", "shop.placeholder_phone", WARNING)
    elif number and (doubt := phone_doubt(number)):  # a landline or 0800 number: WhatsApp is on mobiles
        f.report("whatsapp", doubt, WARNING)
    return number


def _shop_from_fields(f: Fields, folder: Path, rel: str, slug: str, market: Market) -> Shop:
    about_html, removed = render_markdown(f.text("about"), breaks=False)
    if removed:
        f.report("about", "text.unsafe_removed", WARNING, what=", ".join(removed))
    if len(f.text("about")) > MAX_TEXT_CHARS:
        f.report("about", "text.too_long", WARNING, count=len(f.text("about")), limit=MAX_TEXT_CHARS)
    currency = _currency(f)
    return Shop(
        slug=slug,
        name=f.line_text("name", required=True),
        whatsapp=_check_placeholder(f, f.parsed("whatsapp", parse_phone, default="", field="whatsapp"))
        if f.has("whatsapp")
        else _missing(f, "whatsapp"),
        folder=str(folder),
        tagline=f.line_text("tagline"),
        about_html=about_html,
        about_text=html_to_text(about_html),
        city=f.text("city"),
        address=f.text("address"),
        logo=_logo(f, folder),
        theme=_theme_name(f) or market.theme,
        language=_language(f) or market.language,
        currency=currency,
        colors=_colors(f),
        payment=f.text("payment"),
        delivery=f.text_list("delivery"),
        order_message=f.text("order_message") or None,
        instagram=f.parsed("instagram", parse_instagram, default="", severity=WARNING, field="instagram"),
        maps=f.parsed("maps", parse_url, default="", severity=WARNING, field="maps"),
        hours=f.text("hours"),
        site_url=_shop_site_url(f, market, slug),
    )


def _theme_name(f: Fields) -> str:
    """A theme is named, never a path: `../sellers/x` must not reach a seller's own templates."""
    name = f.text("theme")
    if name and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", name):
        f.report("theme", "theme.bad_name", WARNING, value=name)
        return ""
    return name


def _missing(f: Fields, key: str) -> str:
    f.report(None, "field.missing", field=key)
    return ""


def _shop_site_url(f: Fields, market: Market, slug: str) -> str:
    own = f.parsed("site_url", parse_url, default="", severity=WARNING, field="site_url")
    if own:
        return own.rstrip("/")
    if market.site_url:
        return market.site_url if market.single_shop else f"{market.site_url}/{slug}"
    return ""


def _currency(f: Fields) -> str:
    code = f.text("currency").upper() or "IDR"
    if code in ("RP", "RUPIAH"):
        code = "IDR"
    if not is_currency(code):
        f.report("currency", "currency.unknown", WARNING, value=code)
        return "IDR"
    return code


def _colors(f: Fields) -> tuple[tuple[str, str], ...]:
    raw = f.raw("colors")
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw_map = LineDict({"accent": raw})
        raw_map.line = f.line_of("colors")
    elif isinstance(raw, LineDict):
        raw_map = raw
    else:
        f.report("colors", "colors.invalid", WARNING)
        return ()
    values, key_problems = canonical_keys(raw_map, COLOR_KEYS, f.path)
    f.problems.extend(key_problems)
    cf = Fields(values, f.path, f.line_of("colors"), f.problems)
    out = []
    for key in sorted(values):
        color = cf.parsed(key, parse_color, severity=WARNING, field=f"colors.{key}")
        if color:
            out.append((key, color))
    return tuple(out)


def _logo(f: Fields, folder: Path) -> Photo | None:
    """The logo may sit in the seller's folder itself or in the photo folder."""
    written = f.text("logo")
    if not written:
        return None
    direct = folder / written
    if not unsafe_path(written) and direct.is_file() and escapes_folder(direct, folder):
        f.report("logo", "photo.outside", file=written)
        return None
    if not unsafe_path(written) and direct.is_file():
        return Photo(Path(written).as_posix(), "logo")
    return resolve_photo(written, f.line_of("logo"), f, PhotoIndex(folder), alt="logo")


def _product_files(folder: Path, rel: str, problems: list[Problem]) -> tuple[str, list[str]]:
    name = next((n for n in PRODUCT_FOLDERS if (folder / n).is_dir()), None)
    if name is None:
        problems.append(problem(rel + "products", None, "products.no_folder", WARNING))
        return "products", []
    if escapes_folder(folder / name, folder):
        problems.append(problem(rel + name, None, "path.link_outside"))
        return name, []
    files = []
    with os.scandir(folder / name) as listing:  # one call for names and kinds: a shop has thousands
        entries = sorted(listing, key=lambda e: _natural_key(e.name))
    for entry in entries:
        if entry.name.startswith((".", "~", "#")) or entry.name.endswith(("~", ".swp", ".tmp", ".bak")):
            continue
        if entry.is_dir():
            continue
        if entry.is_symlink() and escapes_folder(Path(entry.path), folder):
            problems.append(problem(f"{rel}{name}/{entry.name}", None, "path.link_outside"))
            continue
        if os.path.splitext(entry.name)[1].lower() not in PRODUCT_SUFFIXES:
            problems.append(problem(f"{rel}{name}/{entry.name}", None, "products.ignored_file", WARNING))
            continue
        files.append(entry.path)
    return name, files


def _read_entries(path: Path, file_rel: str, data: bytes | None = None):
    try:
        return read_product_file(path, file_rel, data)
    except ContentError as e:
        return e.problem


def _load_products(
    folder: Path, rel: str, currency: str, problems: list[Problem], memo: ProductMemo | None = None
) -> tuple[Product, ...]:
    memo = memo or ProductMemo()
    products_dir, files = _product_files(folder, rel, problems)
    index = PhotoIndex(folder)
    for outside in index.outside:
        problems.append(problem(rel + outside, None, "path.link_outside"))
    entries: list[tuple[Entry, str, tuple | None]] = []
    for path in files:
        file_rel = f"{rel}{products_dir}/{os.path.basename(path)}"
        digest = memo.digest(path)
        key = (path, file_rel, digest)
        read = (
            memo.get(
                memo.files,
                key,
                lambda path=path, file_rel=file_rel: _read_entries(Path(path), file_rel, memo.bytes_read(path)),
            )
            if digest
            else _read_entries(Path(path), file_rel)
        )
        if isinstance(read, Problem):
            problems.append(read)
            continue
        entries.extend((entry, file_rel, key + (i,) if digest else None) for i, entry in enumerate(read))
    stems = sorted({_photo_stem(e) for e, _, _ in entries})
    by_prefix = match_by_prefix(stems, index.names)
    digits = currency_digits(currency)
    # What a product's photos are looked up in: the names in the photo folder (not their content).
    photos = hashlib.blake2b(
        repr((index.folder, index.names, sorted(index.outside))).encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()  # a string hashes once, a tuple of 1,000 names every time
    products: list[Product] = []
    for entry, file_rel, entry_key in entries:
        prefix = by_prefix.get(_photo_stem(entry), [])

        def load(entry=entry, file_rel=file_rel, prefix=prefix):
            return load_product(entry, file_rel, index, prefix, digits)

        product, own = memo.get(memo.loads, (entry_key, photos, tuple(prefix), digits), load) if entry_key else load()
        problems.extend(own)
        if product:
            products.append(product)
    _check_slugs(products, rel, problems)
    if not products and not any(p.is_error for p in problems):
        problems.append(problem(rel + products_dir, None, "products.none", WARNING))
    return tuple(sorted(products, key=_sort_key))


def _photo_stem(entry) -> str:
    if entry.in_list:
        name = entry.data.get("name") or entry.data.get("nama") or ""
        return slugify(str(name))
    return entry.stem


def _sort_key(p: Product) -> tuple:
    return (p.order is None, p.order or 0, _natural_key(p.source), p.line)


_natural_key = caches.memoize(maxsize=1 << 16)(natural_key)  # the same few thousand names, build after build


def _check_slugs(products: list[Product], rel: str, problems: list[Problem]) -> None:
    seen: dict[str, Product] = {}
    for p in products:
        if p.slug in RESERVED_SLUGS:
            problems.append(problem(p.source, p.line, "product.reserved_slug", slug=p.slug))
        elif p.slug in seen:
            first = seen[p.slug]
            problems.append(
                problem(p.source, p.line, "product.duplicate_slug", slug=p.slug, other=f"{first.source}:{first.line}")
            )
        else:
            seen[p.slug] = p
