"""Models → HTML pages (bytes), through a theme. No reading of seller files, no writing.

Every link is relative to the page it is on, so the output works from any sub-path of
any host and opened from disk (file://).
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field

from markupsafe import Markup

from .images import Picture
from .markup import html_to_text
from .models import Category, Market, Product, Shop, ShopCard, Variant
from .money import format_money
from .themes import Theme, environment, static_text
from .whatsapp import product_message, wa_link

PHOTO_DIR = "foto"
CATEGORY_DIR = "kategori"


@dataclass(frozen=True)
class SiteInfo:
    """Where a shop sits in the output: `prefix` is "" (single shop) or "<slug>/"."""

    prefix: str
    theme: Theme
    override: str | None = None  # the seller's own theme folder, if any
    own_templates: bool = False  # its templates/ are used (single shop only; see themes.py)
    pictures: dict = field(default_factory=dict)  # photo path → Picture


def rel_url(target: str, page: str) -> str:
    """Relative link from output page `page` to output file `target` (both root-relative)."""
    if target.endswith("/"):
        target += "index.html"
    base = posixpath.dirname(page) or "."
    return posixpath.relpath(target, base)


def json_ld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> that no text can break out of."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def css_variables(theme: Theme, shop: Shop | None) -> str:
    """`:root{--accent:…}` from the theme's colours, overridden by the shop's (validated hex)."""
    colors = dict(theme.colors)
    if shop:
        colors.update(dict(shop.colors))
    return ":root{" + ";".join(f"--{k}:{v}" for k, v in sorted(colors.items())) + "}" if colors else ""


def safe_css(text: str) -> str:
    # CSS sits inside <style>: a "<" could close it and start markup.
    return text.replace("<", "\\3c ")


class Renderer:
    """Renders the pages of one shop, or the market pages, with one theme and language."""

    def __init__(self, market: Market, site: SiteInfo, shop: Shop | None = None):
        self.market = market
        self.site = site
        self.shop = shop
        self.lang = shop.language if shop else market.language
        self.env = environment(site.theme, site.override if site.own_templates else None, self.lang)
        self.css = safe_css(css_variables(site.theme, shop) + "\n"
                            + static_text(site.theme, site.override, "style.css"))

    # -- helpers templates call -------------------------------------------------------
    def money(self, amount: int | None) -> str:
        return format_money(amount, self.shop.currency if self.shop else "IDR", self.lang)

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

    def product_path(self, product: Product) -> str:
        return f"{self.site.prefix}{product.slug}.html"

    def category_path(self, category_slug: str) -> str:
        return f"{self.site.prefix}{CATEGORY_DIR}/{category_slug}.html"

    def photo_path(self, picture: Picture) -> str:
        return f"{self.site.prefix}{PHOTO_DIR}/{picture.file}"

    def pictures(self, product: Product) -> list[Picture]:
        out = []
        for photo in product.photos:
            pic = self.site.pictures.get(photo.path)
            if pic:
                out.append(Picture(pic.file, pic.width, pic.height, photo.alt or product.name))
        return out

    def logo(self) -> Picture | None:
        if not self.shop or not self.shop.logo:
            return None
        pic = self.site.pictures.get(self.shop.logo.path)
        return Picture(pic.file, pic.width, pic.height, "") if pic else None

    def order_link(self, product: Product, variant: Variant | None = None) -> str:
        url = self.absolute(self.product_path(product))
        return wa_link(self.shop.whatsapp, product_message(self.shop, product, variant, url))

    # -- pages --------------------------------------------------------------------------
    def render(self, template: str, page: str, **context) -> bytes:
        """One page: the template with the common context and a relative-URL helper."""
        tpl = self.env.get_template(template)
        html = tpl.render(
            market=self.market, shop=self.shop, r=self, page=page, lang=self.lang, css=Markup(self.css),
            url=lambda target: rel_url(target, page), canonical=self.absolute(page),
            shop_home=f"{self.site.prefix}index.html", market_home="index.html",
            **context,
        )
        return html.encode("utf-8")

    def shop_pages(self) -> dict[str, bytes]:
        """Every page of the shop, keyed by output path relative to the output root."""
        shop = self.shop
        pages = {f"{self.site.prefix}index.html": self.render(
            "shop.html", f"{self.site.prefix}index.html", products=shop.products,
            categories=self._category_counts(), og_image=self._og_image(shop.products),
            description=shop.tagline or html_to_text(shop.about_html, 200), json_ld=self._store_ld())}
        for product in shop.products:
            path = self.product_path(product)
            pages[path] = self.render("product.html", path, product=product, json_ld=self._product_ld(product),
                                      og_image=self._og_image((product,)),
                                      description=html_to_text(product.description_html, 200) or product.name,
                                      related=self._related(product))
        for category in shop.categories:
            path = self.category_path(category.slug)
            items = tuple(p for p in shop.products if p.category_slug == category.slug)
            pages[path] = self.render("category.html", path, category=category, products=items,
                                      categories=self._category_counts(), og_image=self._og_image(items),
                                      description=f"{category.name} — {shop.name}", json_ld=None)
        return pages

    def market_pages(self, cards: list[ShopCard]) -> dict[str, bytes]:
        m = self.market
        return {
            "index.html": self.render("market.html", "index.html", shops=cards, og_image="",
                                      description=html_to_text(m.intro_html, 200) or m.name, json_ld=None),
            "404.html": self.render("404.html", "404.html", og_image="", description="", json_ld=None),
        }

    def not_found_page(self) -> dict[str, bytes]:
        return {"404.html": self.render("404.html", "404.html", og_image="", description="", json_ld=None)}

    # -- parts ----------------------------------------------------------------------------
    def _category_counts(self) -> list[tuple[Category, int]]:
        return [(c, sum(1 for p in self.shop.products if p.category_slug == c.slug))
                for c in self.shop.categories]

    def _related(self, product: Product) -> tuple[Product, ...]:
        same = [p for p in self.shop.products if p.category_slug == product.category_slug and p != product]
        return tuple(same[:4])

    def _og_image(self, products) -> str:
        for p in products:
            pics = self.pictures(p)
            if pics:
                return self.photo_path(pics[0])
        return ""

    def _product_ld(self, product: Product) -> Markup:
        shop = self.shop
        price = product.min_price
        offer = {
            "@type": "Offer",
            "priceCurrency": shop.currency,
            "availability": "https://schema.org/" + ("OutOfStock" if product.sold_out else "InStock"),
            "seller": {"@type": "Organization", "name": shop.name},
        }
        if price is not None:
            offer["price"] = str(price)
        url = self.absolute(self.product_path(product))
        if url:
            offer["url"] = url
        data = {"@context": "https://schema.org", "@type": "Product", "name": product.name,
                "sku": product.sku or f"{shop.slug}-{product.slug}", "offers": offer,
                "description": html_to_text(product.description_html, 500) or product.name}
        images = [self.absolute(self.photo_path(p)) or self.photo_path(p) for p in self.pictures(product)]
        if images:
            data["image"] = images
        if product.category:
            data["category"] = product.category
        return json_ld(data)

    def _store_ld(self) -> Markup:
        shop = self.shop
        data = {"@context": "https://schema.org", "@type": "Store", "name": shop.name,
                "telephone": "+" + shop.whatsapp}
        if shop.site_url:
            data["url"] = shop.site_url + "/"
        if shop.address or shop.city:
            data["address"] = {"@type": "PostalAddress", "streetAddress": shop.address,
                               "addressLocality": shop.city, "addressCountry": "ID"}
        if shop.about_text:
            data["description"] = shop.about_text[:500]
        return json_ld(data)
