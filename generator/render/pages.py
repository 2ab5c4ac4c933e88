"""Models → HTML pages (bytes), through a theme. No reading of seller files, no writing.

Every link is relative to the page it is on, so the output works from any sub-path of
any host and opened from disk (file://).
"""

from __future__ import annotations

import functools
import io
import json
import operator
import posixpath
import re
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Literal

from markupsafe import Markup, escape

from generator.core import caches
from generator.core.fingerprints import by_identity, fingerprint
from generator.core.models import Category, Market, Picture, Product, Shop, ShopCard, SiteInfo, Theme, Variant
from generator.core.money import format_money, money_parts, price_text
from generator.load.markup import html_to_text, paragraphs, shorten
from generator.load.values import slugify
from generator.photos.imagemath import srcset
from generator.render.jsontext import compact_json, json_ld
from generator.render.search import SEARCH_INDEX, folded_slug, search_index
from generator.render.themes import BUILTIN_THEMES, environment, static_text
from generator.render.whatsapp import cart_settings, product_message, wa_link

PHOTO_DIR = "foto"
CATEGORY_DIR = "kategori"
CATALOG_PAGE = "katalog.html"
QR_FILE = "qr.svg"
SEARCH_SCRIPT = "assets/search.js"
CART_PAGE = "keranjang.html"
CART_SCRIPT = "assets/cart.js"  # one file for every shop of a market, at the output root


# Cards by what they show and where (kept across the rebuilds of `lapak serve`).
_CARDS: dict[tuple, Markup] = caches.table("render.cards", "seller")
_PARTS: dict[tuple, Markup] = caches.table("render.parts", "seller")  # headers and cart bars, the same way
_MARKED: dict[tuple, tuple[str, list[str]] | None] = caches.table(
    "render.marked", "seller"
)  # cards with link markers, for any folder
_URL_MARKER = re.compile("\x00([0-9]+)\x00")
MAX_CARDS = 100_000


# id(product) → (product, its pictures, its page's key, its key as lists show it): the products
# of unchanged files are the same objects from one rebuild of `lapak serve` to the next.
_KEYS: dict[int, tuple[Product, tuple, str, str]] = caches.table("render.keys", "seller")
# What cards and lists show of a product: all but its description and where it was written.
_LISTED = tuple(
    f.name for f in fields(Product) if f.name not in ("description_html", "description_text", "source", "line")
)


def product_keys(product: Product, pictures: dict) -> tuple[str, str]:
    """Digests of a product with its processed photos: all of it, and all but its description
    (what cards and lists show)."""
    pics = tuple(pictures.get(photo.path) for photo in product.photos) if product.photos else ()
    known = _KEYS.get(id(product))
    if known is None or known[0] is not product or known[1] != pics:
        if len(_KEYS) > MAX_CARDS:
            _KEYS.clear()
        bare = fingerprint(operator.attrgetter(*_LISTED)(product), pics)
        # The page's key: the listing's and what it leaves out (one repr of the product, not two).
        whole = fingerprint(bare, product.description_html, product.description_text, product.source, product.line)
        known = _KEYS[id(product)] = (product, pics, whole, bare)
    return known[2], known[3]


_FINGERPRINTS: dict[tuple, str] = caches.table("render.fingerprints", "seller")


def _memo_fingerprint(*parts) -> str:
    """`fingerprint` of hashable parts, remembered: the same thousands of page keys, rebuild
    after rebuild of `lapak serve`."""
    key = _FINGERPRINTS.get(parts)
    if key is None:
        if len(_FINGERPRINTS) > MAX_CARDS:
            _FINGERPRINTS.clear()
        key = _FINGERPRINTS[parts] = fingerprint(*parts)
    return key


def rel_url(target: str, page: str) -> str:
    """Relative link from output page `page` to output file `target` (both root-relative)."""
    return page_url(page)(target)


def page_url(page: str) -> Callable[[str], str]:
    """The `url` templates call on `page`: rel_url from that page; its `folder` attribute is
    the page's folder (the same links for every page in it)."""
    folder = posixpath.dirname(page) or "."

    def url(target: str) -> str:
        return _relpath(target + "index.html" if target.endswith("/") else target, folder)

    url.folder = folder  # type: ignore[attr-defined]  # a function attribute, read by Renderer.card
    return url


@caches.memoize(maxsize=65536)
def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for output paths (root-relative, no "." or ".." in them), without its
    two abspath calls; anything else goes to posixpath. A page links to the same few dozen
    places as its neighbours: worth remembering."""
    start = [] if base == "." else base.split("/")
    path = target.split("/")
    if "" in start or "" in path or any(part in (".", "..") for part in (*start, *path)):
        return posixpath.relpath(target, base)
    common = 0
    for a, b in zip(start, path):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + path[common:]) or "."


NOT_IN_SITEMAP = ("404.html", "qr.html", CATALOG_PAGE, CART_PAGE)
SITEMAP = "sitemap.xml"
SITEMAP_PART = "sitemap-{}.xml"  # sitemap-1.xml, sitemap-2.xml, … beside the index
SITEMAP_PART_NAME = re.compile(r"sitemap-[1-9][0-9]*\.xml")
SITEMAP_MAX_URLS = 50_000  # the limits of https://www.sitemaps.org/protocol.html
SITEMAP_MAX_BYTES = 52_428_800
_SITEMAP_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def crawler_files(
    site_url: str, html_paths: list[str], max_urls: int | None = None, max_bytes: int | None = None
) -> dict[str, bytes]:
    """robots.txt always; sitemaps when the site's address is known (they need absolute URLs).

    Everything fits in one sitemap: `sitemap.xml` is that sitemap. More than one sitemap's
    limits: `sitemap.xml` is a sitemap index naming `sitemap-1.xml`, `sitemap-2.xml`, …, so
    robots.txt and crawlers look in the same place at any size. No `<lastmod>`: nothing a
    seller writes dates a page, and file times differ from one copy of a folder to the next,
    so a date would be neither honest nor the same for the same input.
    """
    robots = "User-agent: *\nAllow: /\n"
    if not site_url:
        return {"robots.txt": robots.encode()}
    entries = []
    for path in sorted(set(html_paths)):
        if path.rsplit("/", 1)[-1] in NOT_IN_SITEMAP:
            continue
        url = f"{site_url}/{path}"
        url = url.removesuffix("index.html") if url.endswith("/index.html") else url
        entries.append(f"<url><loc>{escape(url)}</loc></url>\n".encode())
    parts = _sitemap_parts(entries, max_urls or SITEMAP_MAX_URLS, max_bytes or SITEMAP_MAX_BYTES)
    files = {"robots.txt": f"{robots}Sitemap: {site_url}/{SITEMAP}\n".encode()}
    if len(parts) == 1:
        return files | {SITEMAP: parts[0]}
    names = [SITEMAP_PART.format(n) for n in range(1, len(parts) + 1)]
    index = "".join(f"<sitemap><loc>{escape(f'{site_url}/{name}')}</loc></sitemap>\n" for name in names)
    files[SITEMAP] = f"{_SITEMAP_HEAD}<sitemapindex {_SITEMAP_NS}>\n{index}</sitemapindex>\n".encode()
    return files | dict(zip(names, parts))


def _sitemap_parts(entries: list[bytes], max_urls: int, max_bytes: int) -> list[bytes]:
    """The <url> entries in order, cut into whole sitemaps within both limits (at least one)."""
    head = f"{_SITEMAP_HEAD}<urlset {_SITEMAP_NS}>\n".encode()
    tail = b"</urlset>\n"
    parts: list[bytes] = []
    chunk: list[bytes] = []
    size = len(head) + len(tail)
    for entry in entries:
        if chunk and (len(chunk) == max_urls or size + len(entry) > max_bytes):
            parts.append(head + b"".join(chunk) + tail)
            chunk, size = [], len(head) + len(tail)
        chunk.append(entry)
        size += len(entry)
    parts.append(head + b"".join(chunk) + tail)
    return parts


# The market's shop list, cut into static pages that stay small at any number of shops: the whole
# list as index.html, halaman-2.html, …; each town's as kota-<town>.html, kota-<town>.2.html, ….
# All at the output's top, beside index.html: no name clashes with a seller's folder.
MARKET_PAGE_SHOPS = 48
MARKET_CHIPS = 30  # categories and towns on the market's pages: the most common ones, then "all"
MARKET_PAGE_NAME = re.compile(
    r"(halaman-[1-9][0-9]*|(kota|kategori)-[a-z0-9-]+(\.[1-9][0-9]*)?|semua-kota|semua-kategori)\.html"
)
ALL_TOWNS = "semua-kota.html"
ALL_CATEGORIES = "semua-kategori.html"


def market_page(number: int, town: str = "", category: str = "") -> str:
    """The output path of page `number` (from 1) of the market's shops, or of a town's (its slug),
    or of a category's products across the market (its folded slug)."""
    if category:
        return f"kategori-{category}.html" if number == 1 else f"kategori-{category}.{number}.html"
    if town:
        return f"kota-{town}.html" if number == 1 else f"kota-{town}.{number}.html"
    return "index.html" if number == 1 else f"halaman-{number}.html"


def market_towns(cards: list[ShopCard]) -> list[tuple[str, str, list[ShopCard]]]:
    """(slug, name, shops) per town (`kota`) the market's shops name, by slug; the spellings of
    one town ("Solo", "SOLO") go together under the first of them in sorted order."""
    towns: dict[str, tuple[list[str], list[ShopCard]]] = {}
    for card in cards:
        slug = slugify(card.city)
        if slug:
            names, shops = towns.setdefault(slug, ([], []))
            names.append(card.city.strip())
            shops.append(card)
    return [(slug, min(names), shops) for slug, (names, shops) in sorted(towns.items())]


def market_categories(cards: list[ShopCard]) -> list[tuple[str, str, list[tuple[ShopCard, tuple]]]]:
    """(folded slug, name, [(shop, item)…]) per category across the market's shops, by slug, the
    products in shop order; the spellings of one category ("Kripik", "keripik") go together
    under the first of them in sorted order."""
    groups: dict[str, tuple[list[str], list[tuple[ShopCard, tuple]]]] = {}
    for card in cards:
        for item in card.items:
            slug = folded_slug(item[3]) if item[3] else ""
            if slug:  # a name of no letter a URL can carry has no page
                names, items = groups.setdefault(slug, ([], []))
                names.append(item[3].strip())
                items.append((card, item))
    return [(slug, min(names), items) for slug, (names, items) in sorted(groups.items())]


def qr_svg(url: str) -> bytes:
    """A QR code of `url` as a small SVG (medium error correction survives a smudged print)."""
    import segno  # ~20 ms to import: only a shop with a site address has a QR code

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="svg", scale=4, border=2, xmldecl=False, title=url)
    return buf.getvalue()


_CART_ITEMS: dict = caches.table("render.cart_items", "seller")


def _cart_item(product: Product) -> str:
    data: dict[str, object] = {"id": product.slug, "name": product.name, "price": product.price}
    if product.price_unit:
        data["unit"] = product.price_unit
    if product.variants:
        data["variants"] = [
            {"name": v.name, "price": product.variant_price(v)}
            | ({"unit": product.variant_unit(v)} if product.variant_unit(v) else {})
            for v in product.variants
            if not v.sold_out
        ]
    return compact_json(data)


def card_image(shop: Shop, pictures: dict) -> tuple:
    """A shop's picture for its card on the market page (see ShopCard.image): the logo's
    180 px icon, else the first product photo's narrowest WebP with its JPEG for older browsers."""
    logo = pictures.get(shop.logo.path) if shop.logo else None
    if logo and logo.icons:
        big = [icon for icon in logo.icons if icon[0] >= 96]  # sharp at 64 CSS px on a 1.5x screen
        size, name = min(big) if big else max(logo.icons)
        return (f"{PHOTO_DIR}/{name}", size, size, "")
    for product in shop.products:
        for photo in product.photos:
            pic = pictures.get(photo.path)
            if pic:
                webp, width = pic.sources[0] if pic.sources else ("", pic.width)
                height = max(1, round(pic.height * width / pic.width))
                return (f"{PHOTO_DIR}/{pic.file}", width, height, f"{PHOTO_DIR}/{webp}" if webp else "")
    return ()


def css_variables(theme: Theme, shop: Shop | None) -> str:
    """`:root{--accent:…}` from the theme's colours, overridden by the shop's (validated hex)."""
    colors = dict(theme.colors)
    if shop:
        colors.update(dict(shop.colors))
        if "accent" in dict(shop.colors):
            colors["on-accent"] = readable_on(colors["accent"])
    return ":root{" + ";".join(f"--{k}:{v}" for k, v in sorted(colors.items())) + "}" if colors else ""


def _luminance(hex_color: str) -> float:
    h = hex_color.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def readable_on(hex_color: str) -> str:
    """White or near-black text, whichever contrasts more with a seller's chosen colour."""
    lum = _luminance(hex_color)
    return "#ffffff" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.0625) else "#1a1208"


def safe_css(text: str) -> str:
    # CSS sits inside <style>: a "<" could close it and start markup.
    return text.replace("<", "\\3c ")


class _Part:
    """A partial in a page's context: written out as `{{ shop_header }}`, it is rendered then."""

    __slots__ = ("renderer", "name", "context")

    def __init__(self, renderer: Renderer, name: str, context: dict):
        self.renderer, self.name, self.context = renderer, name, context

    def __html__(self) -> str:
        return self.renderer.part(self.name, self.context)

    __str__ = __html__


class Renderer:
    """Renders the pages of one shop, or the market pages, with one theme and language."""

    def __init__(self, market: Market, site: SiteInfo, shop: Shop | None = None):
        self.market = market
        self.site = site
        self.shop = shop
        self.lang = shop.language if shop else market.language
        self.env = environment(site.theme, site.override if site.own_templates else None, self.lang)
        self.css = safe_css(
            css_variables(site.theme, shop) + "\n" + static_text(site.theme, site.override, "style.css")
        )
        self._base: str | None = None
        # Lapak's own templates show a product page's neighbours only as related cards, and the
        # shop's header the same on every page; other templates may show anything anywhere.
        self.precise = (
            not site.own_templates
            and not site.override
            and all(Path(f).parent == BUILTIN_THEMES for f in site.theme.folders)
        )
        self._macros = None
        self._by_category: dict[str | None, list[Product]] | None = None
        self._counts: list[tuple[Category, int]] | None = None

    # -- helpers templates call -------------------------------------------------------
    def money(self, amount: int | None) -> str:
        return format_money(amount, self.shop.currency if self.shop else "IDR", self.lang)

    def price_text(self, amount: int | None, unit: str | None = None) -> str:
        """`Rp15.000 / kg`, `Gratis` (0): a price as the cards, pages and catalog show it."""
        return price_text(amount, self.shop.currency if self.shop else "IDR", self.lang, unit)

    def absolute(self, path: str) -> str:
        """Absolute address of an output path when the site's address is known, else ""."""
        root = self.market.site_url
        if self.shop and self.shop.site_url:
            root = self.shop.site_url
            path = path.removeprefix(self.site.prefix)
        if not root:
            return ""
        url = f"{root}/{path}"
        return url.removesuffix("index.html") if url.endswith("/index.html") else url

    def shop_url(self) -> str:
        """The shop's public address (needs site_url), as printed under its QR code."""
        return self.absolute(f"{self.site.prefix}index.html")

    def qr_path(self) -> str:
        return f"{self.site.prefix}{QR_FILE}"

    def catalog_path(self) -> str:
        return f"{self.site.prefix}{CATALOG_PAGE}"

    def product_path(self, product: Product) -> str:
        return f"{self.site.prefix}{product.slug}.html"

    def category_path(self, category_slug: str) -> str:
        return f"{self.site.prefix}{CATEGORY_DIR}/{category_slug}.html"

    def photo_path(self, picture: Picture | str) -> str:
        """Output path of a picture's fallback JPEG, or of one of its files by name."""
        name = picture if isinstance(picture, str) else picture.file
        return f"{self.site.prefix}{PHOTO_DIR}/{name}"

    def srcset(self, picture: Picture, url) -> str:
        """The WebP widths of a picture as a `srcset`, each relative to the page."""
        return srcset(tuple((url(self.photo_path(name)), w) for name, w in picture.sources))

    def pictures(self, product: Product) -> list[Picture]:
        out = []
        for photo in product.photos:
            pic = self.site.pictures.get(photo.path)
            if pic:
                out.append(replace(pic, alt=photo.alt or product.name))
        return out

    def full_size(self, picture: Picture) -> str:
        """Output path of a picture's largest published file (what a tap on a photo opens)."""
        widest = picture.sources[-1] if picture.sources else None
        return self.photo_path(widest[0] if widest and widest[1] > picture.width else picture.file)

    @staticmethod
    def paragraphs(text: str) -> tuple[str, ...]:
        """A shop's plain text (payment, hours, address) as paragraphs: a single line break is a
        space (see markup.paragraphs)."""
        return paragraphs(text)

    def logo(self) -> Picture | None:
        if not self.shop or not self.shop.logo:
            return None
        pic = self.site.pictures.get(self.shop.logo.path)
        return replace(pic, alt="") if pic else None

    def icons(self) -> dict[int, str]:
        """Favicon and home-screen icons made from the shop's logo: size → output path."""
        logo = self.logo()
        return {size: self.photo_path(name) for size, name in logo.icons} if logo else {}

    def order_link(self, product: Product, variant: Variant | None = None) -> str:
        assert self.shop is not None  # order links are on shop pages only
        url = self.absolute(self.product_path(product))
        return wa_link(self.shop.whatsapp, product_message(self.shop, product, variant, url))

    def cart_path(self) -> str:
        return f"{self.site.prefix}{CART_PAGE}"

    def cart_item(self, product: Product) -> str:
        """What an add-to-cart button adds: name and price per variant; sold-out variants are left
        out. (Asked twice per product, by its card and by its page.)"""
        return by_identity(_CART_ITEMS, product, _cart_item, limit=MAX_CARDS)

    def cart(self) -> dict:
        """The cart's settings for a shop page: a JSON block the generic script reads, and its URL."""
        shop = self.shop
        assert shop is not None  # a shop page's cart
        data = {
            "id": f"{shop.slug}:{shop.whatsapp}",
            "wa": shop.whatsapp,
            "money": money_parts(shop.currency, self.lang),
            "msg": cart_settings(shop),
        }
        return {"data": json_ld(data), "script": CART_SCRIPT, "page": self.cart_path()}

    def cart_files(self) -> dict[str, bytes]:
        """The cart's script, written once at the output root (the shop's own output when single)."""
        return {CART_SCRIPT: static_text(self.site.theme, None, "cart.js").encode("utf-8")}

    def card(self, url, product: Product, eager: bool = False, add: bool = False) -> Markup:
        """The theme's `card` macro for a product, rendered once per folder of pages: a shop
        page, its category pages and its product pages show the same cards again and again.

        Lapak's own card (`precise`) is rendered once for every folder: with a marker for each
        link, each folder's copy then has the markers replaced by its own relative links."""
        folder = getattr(url, "folder", None) or posixpath.dirname(url("index.html"))
        key = (self.base_key(), self.listing_key(product), folder, eager, add)
        html = _CARDS.get(key)
        if html is None:
            if len(_CARDS) > MAX_CARDS:
                _CARDS.clear()
            marked = self._marked_card(product, eager, add) if self.precise else None
            if marked is None:
                html = Markup(self._card_macro()(self, url, product, eager=eager, add=add))
            else:
                text, targets = marked
                html = Markup(_URL_MARKER.sub(lambda m: escape(url(targets[int(m[1])])), text))
            _CARDS[key] = html
        return html

    def _card_macro(self):
        if self._macros is None:
            self._macros = self.env.get_template("_macros.html").module
        return self._macros.card

    def _marked_card(self, product: Product, eager: bool, add: bool) -> tuple[str, list[str]] | None:
        """The card with "\\x00N\\x00" where its N-th link goes, and those links' targets
        (None when the card's own text holds a NUL, so that a marker could be mistaken)."""
        key = (self.base_key(), self.listing_key(product), eager, add)
        marked: tuple[str, list[str]] | None | Literal[False] = _MARKED.get(key, False)
        if marked is False:
            targets: list[str] = []

            def mark(target: str) -> str:
                targets.append(target)
                return f"\x00{len(targets) - 1}\x00"

            text = str(self._card_macro()(self, mark, product, eager=eager, add=add))
            marked = (text, targets) if text.count("\x00") == 2 * len(targets) else None
            if len(_MARKED) > MAX_CARDS:
                _MARKED.clear()
            _MARKED[key] = marked
        return marked

    def part(self, name: str, context: dict) -> Markup:
        """An included template that shows the same on every page of a folder (the shop's
        header, the cart bar): for Lapak's own themes (`precise`) rendered once per folder;
        another theme's partial may show anything of its page, so it gets the page's context."""
        if not self.precise:
            return Markup(self.env.get_template(name).render(context))
        page, url, cart = context["page"], context["url"], context["cart"]
        key = (self.base_key(), name, posixpath.dirname(page), bool(cart) and page == cart["page"])
        html = _PARTS.get(key)
        if html is None:
            if len(_PARTS) > MAX_CARDS:
                _PARTS.clear()
            html = _PARTS[key] = Markup(
                self.env.get_template(name).render(
                    market=self.market,
                    shop=self.shop,
                    r=self,
                    page=page,
                    lang=self.lang,
                    url=url,
                    cart=cart,
                    shop_home=f"{self.site.prefix}index.html",
                    market_home="index.html",
                )
            )
        return html

    # -- pages --------------------------------------------------------------------------
    def render(self, template: str, page: str, **context) -> bytes:
        """One page: the template with the common context and a relative-URL helper.

        A shop's pages also get `shop_header` and `cart_bar`, the partials every page of the
        shop shows, rendered by the renderer when the page writes them (see `part`)."""
        tpl = self.env.get_template(template)
        values = dict(
            market=self.market,
            shop=self.shop,
            r=self,
            page=page,
            lang=self.lang,
            css=Markup(self.css),
            url=page_url(page),
            canonical=self.absolute(page),
            shop_home=f"{self.site.prefix}index.html",
            market_home="index.html",
            **{"cart": None, **context},
        )
        if self.shop is not None:
            page_context = dict(values)  # a copy: a part holding the dict it sits in is a reference cycle
            values["shop_header"] = _Part(self, "_shop_header.html", page_context)
            values["cart_bar"] = _Part(self, "_cart_bar.html", page_context)
        return tpl.render(values).encode("utf-8")

    def shop_pages(self) -> dict[str, bytes]:
        """Every page of the shop, keyed by output path relative to the output root."""
        return {path: render() for path, (_, render) in self.shop_plan().items()}

    def shop_plan(self) -> dict[str, tuple[str, Callable[[], bytes]]]:
        """Every page of the shop: output path → (key, render). The key is a digest of all the page
        shows, so a page whose key is as at the last build need not be rendered again."""
        shop, cart, prefix, base = self.shop, self.cart(), self.site.prefix, self.base_key()
        assert shop is not None  # a shop's renderer
        # Lists (shop page, categories, catalog) and cards show a product without its description.
        keys = {p.slug: product_keys(p, self.site.pictures) for p in shop.products}
        everything = fingerprint(base, [keys[p.slug][1] for p in shop.products])
        precise = self.precise
        plan: dict[str, tuple[str, Callable[[], bytes]]] = {}
        home = f"{prefix}index.html"
        plan[home] = (
            everything,
            lambda: self.render(
                "shop.html",
                home,
                products=shop.products,
                categories=self._category_counts(),
                og_image=self._og_image(shop.products),
                description=shop.tagline or html_to_text(shop.about_html, 200),
                json_ld=self._store_ld(),
                cart=cart,
            ),
        )
        for product in shop.products:
            related = self._related(product)
            key = _memo_fingerprint(
                base, keys[product.slug][0], tuple(keys[p.slug][1] for p in related), "" if precise else everything
            )
            plan[self.product_path(product)] = (key, functools.partial(self._product_page, product, related, cart))
        plan[self.cart_path()] = (
            base if precise else everything,
            lambda: self.render(
                "cart.html", self.cart_path(), og_image="", json_ld=None, description=shop.name, cart=cart
            ),
        )
        catalog = f"{prefix}{CATALOG_PAGE}"
        plan[catalog] = (
            everything,
            lambda: self.render(
                "catalog.html",
                catalog,
                products=shop.products,
                og_image="",
                description=shop.tagline or shop.name,
                json_ld=None,
                qr=self.qr_path() if self.shop_url() else "",
            ),
        )
        if self.shop_url():
            plan[f"{prefix}{QR_FILE}"] = (base, lambda: qr_svg(self.shop_url()))
        if self.icons():
            plan[f"{prefix}manifest.webmanifest"] = (base, self.manifest)
        for category in shop.categories:
            plan[self.category_path(category.slug)] = (
                everything,
                functools.partial(self._category_page, category, cart),
            )
        if self.market.single_shop:  # the shop is the whole site
            plan["404.html"] = (base, lambda: self.not_found_page()["404.html"])
            plan[CART_SCRIPT] = (base, lambda: self.cart_files()[CART_SCRIPT])
        return plan

    def base_key(self) -> str:
        """Digest of what every page of the shop shows: the market's settings, the shop's own,
        its theme (files included) and Lapak itself."""
        if self._base is None:
            self._base = fingerprint(
                self.site.inputs,
                replace(self.market, shops=(), seller_slugs=()),
                replace(self.shop, products=()) if self.shop else None,
                replace(self.site, pictures={}),
                self.logo(),
            )
        return self._base

    def product_key(self, product: Product) -> str:
        """Digest of a product and of its processed photos (what its own page shows)."""
        return product_keys(product, self.site.pictures)[0]

    def listing_key(self, product: Product) -> str:
        """Digest of a product as cards and lists show it: all but its description."""
        return product_keys(product, self.site.pictures)[1]

    def _product_page(self, product: Product, related: tuple[Product, ...], cart: dict) -> bytes:
        path = self.product_path(product)
        return self.render(
            "product.html",
            path,
            product=product,
            json_ld=self._product_ld(product),
            og_image=self._og_image((product,)),
            description=shorten(product.description_text, 200) or product.name,
            related=related,
            cart=cart,
        )

    def _category_page(self, category: Category, cart: dict) -> bytes:
        assert self.shop is not None  # a shop's category page
        path = self.category_path(category.slug)
        items = tuple(self._groups().get(category.slug, ()))
        return self.render(
            "category.html",
            path,
            category=category,
            products=items,
            categories=self._category_counts(),
            og_image=self._og_image(items),
            description=f"{category.name} — {self.shop.name}",
            json_ld=None,
            cart=cart,
        )

    def market_pages(
        self, cards: list[ShopCard], search: Callable[[], dict[str, bytes]] | None = None
    ) -> dict[str, bytes]:
        """The market's own pages and search files. `search`: the search files, when they are
        being made elsewhere meanwhile (a worker process, see build._write_market); asked for
        only once the pages that do not show the search's manifest are rendered."""
        m = self.market
        extra = {}
        if m.site_url and cards:
            extra["qr.html"] = self.render(
                "qr_sheet.html", "qr.html", shops=cards, og_image="", description=m.name, json_ld=None
            )
        made: dict[str, bytes] = {}

        def searched() -> bytes:
            made.update(search() if search else search_index(cards))
            return made[SEARCH_INDEX]

        lists = self.shop_list_pages(cards, searched)
        extra |= made
        extra[SEARCH_SCRIPT] = static_text(self.site.theme, None, "search.js").encode("utf-8")
        return (
            extra
            | self.cart_files()
            | lists
            | {"404.html": self.render("404.html", "404.html", og_image="", description="", json_ld=None)}
        )

    def shop_list_pages(self, cards: list[ShopCard], search: bytes | Callable[[], bytes] = b"") -> dict[str, bytes]:
        """The market's shops, MARKET_PAGE_SHOPS a page, linked page to page (rel=prev/next),
        with the same list per town, and every category's products across the market the same
        way; each page works without JavaScript. The shop lists link the MARKET_CHIPS most
        common categories and towns, and a page of them all when there are more. `search`: the
        search's manifest (search-index.js), or what gives it, asked for after the category
        pages: the shop lists' search box carries it, so a query waits for no request before
        the shards of its words."""
        m = self.market
        description = html_to_text(m.intro_html, 200) or m.name
        towns = market_towns(cards)
        categories = market_categories(cards)
        town_links = [(name, market_page(1, slug), len(shops)) for slug, name, shops in towns]
        category_links = [(name, market_page(1, category=slug), len(items)) for slug, name, items in categories]

        def top(links: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
            return sorted(sorted(links, key=lambda link: (-link[2], link[0]))[:MARKET_CHIPS])

        common = {
            "towns": top(town_links),
            "all_towns": ALL_TOWNS if len(town_links) > MARKET_CHIPS else "",
            "categories": top(category_links),
            "all_categories": ALL_CATEGORIES if len(category_links) > MARKET_CHIPS else "",
            "og_image": "",
            "description": description,
            "json_ld": None,
        }
        pages: dict[str, bytes] = {}

        def paginate(template: str, entries: list, where: Callable[[int], str], **context) -> dict[str, bytes]:
            count, made = max(1, -(-len(entries) // MARKET_PAGE_SHOPS)), {}
            for number in range(1, count + 1):
                path = where(number)
                made[path] = self.render(
                    template,
                    path,
                    entries=entries[(number - 1) * MARKET_PAGE_SHOPS : number * MARKET_PAGE_SHOPS],
                    total=len(entries),
                    number=number,
                    pages=count,
                    prev=where(number - 1) if number > 1 else "",
                    next=where(number + 1) if number < count else "",
                    **common,
                    **context,
                )
            return made

        by_category: dict[str, bytes] = {}
        for slug, name, items in categories:
            by_category |= paginate(
                "market_category.html", items, functools.partial(market_page, category=slug), category=name, town=""
            )
        index = search() if callable(search) else search
        manifest = json.loads(index.decode("utf-8").removeprefix("window.LAPAK_INDEX=").removesuffix(";\n") or "{}")
        for slug, name, shops in [("", "", cards), *towns]:
            where = functools.partial(market_page, town=slug)
            pages |= paginate("market.html", shops, where, town=name, category="", manifest=manifest)
        pages |= by_category
        if common["all_towns"]:
            pages[ALL_TOWNS] = self.render(
                "market_all.html", ALL_TOWNS, links=town_links, kind="towns", town="", category="", **common
            )
        if common["all_categories"]:
            pages[ALL_CATEGORIES] = self.render(
                "market_all.html",
                ALL_CATEGORIES,
                links=category_links,
                kind="categories",
                town="",
                category="",
                **common,
            )
        return pages

    def not_found_page(self) -> dict[str, bytes]:
        return {"404.html": self.render("404.html", "404.html", og_image="", description="", json_ld=None)}

    # -- parts ----------------------------------------------------------------------------
    def _category_counts(self) -> list[tuple[Category, int]]:
        if self._counts is None:
            assert self.shop is not None  # a shop's categories
            groups = self._groups()
            self._counts = [(c, len(groups.get(c.slug, ()))) for c in self.shop.categories]
        return self._counts

    def _groups(self) -> dict[str | None, list[Product]]:
        """The shop's products by category, in shop order (computed once, not once per page)."""
        if self._by_category is None:
            assert self.shop is not None  # a shop's products
            self._by_category = {}
            for p in self.shop.products:
                self._by_category.setdefault(p.category_slug, []).append(p)
        return self._by_category

    def _related(self, product: Product) -> tuple[Product, ...]:
        same = [p for p in self._groups().get(product.category_slug, ())[:5] if p.slug != product.slug]
        return tuple(same[:4])

    def _og_image(self, products) -> str:
        """The link-preview image: the first product photo's, else the logo's."""
        for p in products:
            pics = self.pictures(p)
            if pics and pics[0].og:
                return self.photo_path(pics[0].og)
        logo = self.logo()
        if logo and logo.og:
            return self.photo_path(logo.og)
        return f"{self.site.prefix}{PHOTO_DIR}/{self.site.card}" if self.site.card else ""

    def manifest(self) -> bytes:
        """Web-app manifest: the shop's name and its logo's icons (for "add to home screen")."""
        page = f"{self.site.prefix}manifest.webmanifest"
        icons = [
            {"src": rel_url(path, page), "sizes": f"{size}x{size}", "type": "image/png"}
            for size, path in sorted(self.icons().items())
            if size >= 192
        ]
        assert self.shop is not None  # a shop's manifest
        colors = dict(self.site.theme.colors) | dict(self.shop.colors)
        data = {
            "name": self.shop.name,
            "short_name": self.shop.name[:12],
            "start_url": "index.html",
            "display": "browser",
            "icons": icons,
            "lang": self.lang,
            "theme_color": colors.get("accent", "#ffffff"),
            "background_color": colors.get("background", "#ffffff"),
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")

    def _product_ld(self, product: Product) -> Markup:
        shop = self.shop
        assert shop is not None  # a shop's product page
        price = product.min_price
        offer: dict[str, object] = {
            "@type": "Offer",
            "priceCurrency": shop.currency,
            "availability": "https://schema.org/" + ("OutOfStock" if product.sold_out else "InStock"),
            "seller": {"@type": "Organization", "name": shop.name},
        }
        url = self.absolute(self.product_path(product))
        if url:
            offer["url"] = url
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": product.name,
            "sku": product.sku or f"{shop.slug}-{product.slug}",
            "description": shorten(product.description_text, 500) or product.name,
        }
        if price is not None:  # an Offer without a price is invalid (Rich Results): none at all
            offer["price"] = str(price)
            data["offers"] = offer
        images = [self.absolute(self.photo_path(p)) or self.photo_path(p) for p in self.pictures(product)]
        fallback = self._og_image((product,))  # no photo yet: the shop's logo card stands in
        if not images and fallback:
            images = [self.absolute(fallback) or fallback]
        if images:
            data["image"] = images
        if product.category:
            data["category"] = product.category
        return json_ld(data)

    def _store_ld(self) -> Markup:
        shop = self.shop
        assert shop is not None  # a shop's home page
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "Store",
            "name": shop.name,
            "telephone": "+" + shop.whatsapp,
        }
        if shop.site_url:
            data["url"] = shop.site_url + "/"
        if shop.address or shop.city:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": shop.address,
                "addressLocality": shop.city,
                "addressCountry": "ID",
            }
        if shop.about_text:
            data["description"] = shop.about_text[:500]
        return json_ld(data)
