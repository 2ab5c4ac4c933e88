"""Plain, frozen data: what the loader reads and the renderer shows. No I/O here.

Money is an integer count of the currency's smallest unit (rupiah for IDR); a price of
`None` means "price on request" (`harga: tanya`), 0 means free (`harga: gratis`). A price
unit (`25rb/kg` → "kg") says what the price counts; None: one item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath


@dataclass(frozen=True)
class Photo:
    """A seller's photo file, by its path relative to the seller's folder."""

    path: str  # e.g. "photos/kain-indigo.jpg" (posix)
    alt: str = ""


@dataclass(frozen=True)
class Variant:
    name: str
    price: int | None = None  # None: the product's price
    old_price: int | None = None
    stock: int | None = None  # None: available, count unknown; 0: sold out
    price_unit: str | None = None  # with its own price: what that price counts ("kg")

    @property
    def sold_out(self) -> bool:
        return self.stock == 0


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    price: int | None  # None: price on request
    source: str  # file the product came from, relative to the folder being built
    line: int = 1
    description_html: str = ""
    description_text: str = ""
    photos: tuple[Photo, ...] = ()
    category: str | None = None
    category_slug: str | None = None
    variants: tuple[Variant, ...] = ()
    stock: int | None = None
    old_price: int | None = None
    weight: str | None = None
    featured: bool = False
    tags: tuple[str, ...] = ()
    order: float | None = None
    sku: str | None = None
    price_unit: str | None = None
    hidden: bool = False  # `sembunyikan: ya`: kept in its file, left out of the site

    @property
    def sold_out(self) -> bool:
        if self.stock == 0:
            return True
        return bool(self.variants) and all(v.sold_out for v in self.variants)

    @property
    def price_on_request(self) -> bool:
        return self.price is None and not any(v.price is not None for v in self.variants)

    def variant_price(self, variant: Variant) -> int | None:
        return variant.price if variant.price is not None else self.price

    def variant_unit(self, variant: Variant) -> str | None:
        return variant.price_unit if variant.price is not None else self.price_unit

    def variant_old_price(self, variant: Variant) -> int | None:
        """The struck-through price of a variant: its own old price, else the product's
        (README: `harga_coret` beside priced `varian`), shown only above the price paid."""
        price = self.variant_price(variant)
        old = variant.old_price or self.old_price
        return old if price is not None and old and old > price else None

    @property
    def shown_old_price(self) -> int | None:
        """The product's struck-through price beside its one price (none beside a range)."""
        if self.has_price_range or self.old_price is None:
            return None
        price = self.price if self.price is not None else self.min_price
        return self.old_price if price is not None and self.old_price > price else None

    @property
    def unit(self) -> str | None:
        """What the price shown for the product counts (its variants' when they all agree)."""
        if not self.variants:
            return self.price_unit
        units = {self.variant_unit(v) for v in self.variants}
        return units.pop() if len(units) == 1 else None

    @property
    def min_price(self) -> int | None:
        prices = [self.variant_price(v) for v in self.variants] or [self.price]
        known = [p for p in prices if p is not None]
        return min(known) if known else None

    @property
    def has_price_range(self) -> bool:
        prices = {self.variant_price(v) for v in self.variants}
        return len(prices) > 1


@dataclass(frozen=True)
class Category:
    slug: str
    name: str


@dataclass(frozen=True)
class Shop:
    slug: str
    name: str
    whatsapp: str  # digits only, country code first: 6281234567890
    folder: str  # absolute path of the seller's folder (read by the photo step only)
    tagline: str = ""
    about_html: str = ""
    about_text: str = ""
    city: str = ""
    address: str = ""
    logo: Photo | None = None
    theme: str = "base"
    language: str = "id"
    currency: str = "IDR"
    colors: tuple[tuple[str, str], ...] = ()
    payment: str = ""
    delivery: tuple[str, ...] = ()
    order_message: str | None = None
    instagram: str = ""
    maps: str = ""
    hours: str = ""
    site_url: str = ""
    products: tuple[Product, ...] = ()

    @property
    def categories(self) -> tuple[Category, ...]:
        seen: dict[str, str] = {}
        for p in self.products:
            if p.category_slug and p.category_slug not in seen:
                seen[p.category_slug] = p.category or p.category_slug
        return tuple(Category(slug, name) for slug, name in sorted(seen.items()))


@dataclass(frozen=True)
class ShopCard:
    """What the market page shows of a shop (kept with its output, so a shop skipped for
    errors stays listed with its last good details)."""

    slug: str
    name: str
    tagline: str = ""
    city: str = ""
    products: int = 0
    # For the market-wide search: (name, product slug, price text, category, smallest photo file
    # in the shop's folder or "") per product (cards kept by older builds have no photo file).
    items: tuple[tuple[str, ...], ...] = ()
    # Its picture on the market page, the logo's or else the first product photo's smallest file:
    # (path in the shop's folder, width, height, WebP path or ""); () when it has neither.
    image: tuple = ()


@dataclass(frozen=True)
class Market:
    """Everything one run builds: the market settings and every shop that loaded cleanly."""

    root: str  # absolute path of the folder being built
    name: str = "Lapak"
    intro_html: str = ""
    site_url: str = ""
    theme: str = "base"
    language: str = "id"
    single_shop: bool = False  # DIR held a shop.yaml: that shop is the whole site
    shops: tuple[Shop, ...] = field(default_factory=tuple)
    seller_slugs: tuple[str, ...] = ()  # every seller folder found, including ones with errors


# -- how a shop is rendered: its theme, its processed photos, its place in the output ---------


@dataclass(frozen=True)
class Theme:
    """A resolved theme: its folders from the most specific to `base`, and merged settings."""

    name: str
    folders: tuple[str, ...]
    colors: tuple[tuple[str, str], ...] = ()

    @property
    def chain(self) -> tuple[str, ...]:
        return tuple(PurePath(f).name for f in self.folders)


@dataclass(frozen=True)
class Picture:
    """A processed photo as templates use it (file names inside the shop's photo folder)."""

    file: str  # JPEG fallback
    width: int  # of the fallback
    height: int
    alt: str = ""
    sources: tuple[tuple[str, int], ...] = ()  # WebP files with their widths, narrowest first
    color: str = ""  # placeholder background while loading ("" when transparent)
    og: str = ""  # 1200×630 link-preview JPEG, when asked for
    icons: tuple[tuple[int, str], ...] = ()  # (size, PNG file) when asked for


@dataclass(frozen=True)
class SiteInfo:
    """Where a shop sits in the output: `prefix` is "" (single shop) or "<slug>/"."""

    prefix: str
    theme: Theme
    override: str | None = None  # the seller's own theme folder, if any
    own_templates: bool = False  # its templates/ are used (single shop only; see themes.py)
    pictures: dict = field(default_factory=dict)  # photo path → Picture
    card: str = ""  # file name of a drawn link-preview card, for a shop without any photo
    inputs: str = ""  # signature of the theme's files and of Lapak itself (see incremental.py)
