"""The order message and its `https://wa.me/<digits>?text=…` link (works without JavaScript)."""

from __future__ import annotations

from generator.core.models import Product, Shop, Variant
from generator.core.money import FREE, price_text

GREETING = {
    "id": "Halo {shop}, saya mau pesan:",
    "en": "Hello {shop}, I would like to order:",
}
PRICE_LABEL = {"id": "Harga", "en": "Price"}
ASK_LABEL = {"id": "tanya harga", "en": "price on request"}
# An order for a product without a price asks for it, in place of the "Price:" line.
ASK_LINE = {"id": "Boleh tahu harganya?", "en": "Could you tell me the price?"}
# Placeholders a seller may use in `order_message`, in either language.
PLACEHOLDERS = {
    "toko": "shop",
    "shop": "shop",
    "produk": "product",
    "product": "product",
    "varian": "variant",
    "variant": "variant",
    "harga": "price",
    "price": "price",
    "link": "url",
    "url": "url",
    "tautan": "url",
    # the cart's message (cart_settings): every item, the total and the buyer's details
    "pesanan": "items",
    "items": "items",
    "total": "total",
    "nama": "name",
    "name": "name",
    "alamat": "address",
    "address": "address",
    "pengiriman": "delivery",
    "delivery": "delivery",
    "catatan": "note",
    "note": "note",
    "pembayaran": "payment",
    "payment": "payment",
    "kode": "code",
    "code": "code",
}
# Lines of the cart's message, in the shop's language (the JavaScript only fills them in).
CART_LABELS = {
    "id": {
        "total": "Total",
        "name": "Nama",
        "address": "Alamat",
        "delivery": "Pengiriman",
        "note": "Catatan",
        "payment": "Pembayaran",
        "code": "Kode pesanan",
    },
    "en": {
        "total": "Total",
        "name": "Name",
        "address": "Address",
        "delivery": "Delivery",
        "note": "Note",
        "payment": "Payment",
        "code": "Order code",
    },
}
# In a cart, a one-product template's {produk} is the list of items and {harga} the total.
CART_ALIASES = {"product": "items", "price": "total", "variant": "", "url": ""}


def wa_link(number: str, message: str) -> str:
    """`https://wa.me/<digits>?text=<message>`, every non-ASCII character UTF-8 percent-encoded."""
    return f"https://wa.me/{number}?text={quote_all(message)}"


# Byte → itself or %XX, as `quote(text, safe="")` writes it (letters, digits and "_.-~" kept).
_QUOTED = {
    b: chr(b) if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "_.-~") else f"%{b:02X}" for b in range(256)
}


def quote_all(text: str) -> str:
    """`urllib.parse.quote(text, safe="")` in one C-level pass (each product page has one or more
    order links; urllib's quoting loops over the bytes in Python)."""
    return text.encode("utf-8").decode("latin-1").translate(_QUOTED)


def product_message(shop: Shop, product: Product, variant: Variant | None = None, url: str = "") -> str:
    """The ready-written order for one product (and variant), in the shop's language."""
    lang = shop.language
    price = product.variant_price(variant) if variant else product.price
    unit = product.variant_unit(variant) if variant else product.price_unit
    if price is None and not variant:
        price = product.min_price if not product.has_price_range else None
        unit = product.unit
    text = price_text(price, shop.currency, lang, unit) if price is not None else ASK_LABEL[lang]
    item = product.name + (f" ({variant.name})" if variant else "")
    values = {
        "shop": shop.name,
        "product": product.name,
        "variant": variant.name if variant else "",
        "price": text,
        "url": url,
        "items": item,  # a template written for the cart works for one product too
        "total": text,
    }
    if shop.order_message:
        return fill_template(shop.order_message, values).strip()
    price_line = f"{PRICE_LABEL[lang]}: {text}" if price is not None else ASK_LINE[lang]
    lines = [GREETING[lang].format(shop=shop.name), item, price_line]
    if url:
        lines.append(url)
    return "\n".join(lines)


def fill_template(template: str, values: dict[str, str]) -> str:
    """Replace `{produk}`, `{harga}` … by plain substitution (no format-string attribute access)."""
    out = template
    for written, key in PLACEHOLDERS.items():
        out = out.replace("{" + written + "}", values.get(key, ""))
    return out


def cart_settings(shop: Shop) -> dict:
    """What the cart's script needs to write the one order message, in the same words as above.

    `template` uses only the keys shop, items, total, name, address, delivery, note, payment and
    code; details it leaves out are appended by the script as `label: value` lines.
    """
    lang = shop.language
    template = GREETING[lang]
    if shop.order_message:
        template = shop.order_message
        for written, key in PLACEHOLDERS.items():
            key = CART_ALIASES.get(key, key)
            template = template.replace("{" + written + "}", "{" + key + "}" if key else "")
    return {
        "template": template.strip(),
        "shop": shop.name,
        "ask": ASK_LABEL[lang],
        "ask_line": ASK_LINE[lang],
        "free": FREE[lang],
        "labels": CART_LABELS[lang],
        "payment": shop.payment.strip(),
    }
