"""The order messages' Python side: the words and money format the cart's script is given."""
from __future__ import annotations

from generator.core.models import Product, Shop, Variant
from generator.core.money import format_money, money_parts
from generator.render.whatsapp import cart_settings, product_message


def _as_cart_script_writes(amount: int, parts: dict) -> str:
    """The cart script's money() in Python: parts + grouping by three (see themes/base/static/cart.js)."""
    digits, text, frac = parts["digits"], str(amount), ""
    if digits:
        text = text.rjust(digits + 1, "0")
        text, frac = text[:-digits], parts["dec"] + text[-digits:]
    groups = []
    while text:
        groups.insert(0, text[-3:])
        text = text[:-3]
    return parts["pre"] + parts["group"].join(groups) + frac + parts["post"]


def test_money_parts_rebuild_format_money_exactly():
    for currency, lang in [("IDR", "id"), ("IDR", "en"), ("USD", "en"), ("EUR", "id"), ("JPY", "en")]:
        parts = money_parts(currency, lang)
        for amount in (0, 5, 99, 100, 999, 1000, 15000, 350000, 1234567, 10**12):
            assert _as_cart_script_writes(amount, parts) == format_money(amount, currency, lang), (currency, amount)
    assert money_parts() == {"pre": "Rp", "post": "", "group": ".", "dec": "", "digits": 0}


def _shop(**kw) -> Shop:
    return Shop(slug="s", name="Batik Malon", whatsapp="6281234567890", folder="/x", **kw)


def test_cart_settings_default_words_match_the_product_message():
    shop = _shop(payment="Transfer BRI\n", delivery=("JNE",))
    settings = cart_settings(shop)
    assert settings == {
        "template": "Halo {shop}, saya mau pesan:", "shop": "Batik Malon", "ask": "tanya harga",
        "labels": {"total": "Total", "name": "Nama", "address": "Alamat", "delivery": "Pengiriman",
                   "note": "Catatan", "payment": "Pembayaran", "code": "Kode pesanan"},
        "payment": "Transfer BRI"}
    one = product_message(shop, Product("p", "Kain", 350000, "p.md"))
    assert one.split("\n")[0] == settings["template"].replace("{shop}", shop.name)
    assert cart_settings(_shop(language="en"))["labels"]["code"] == "Order code"


def test_order_message_placeholders_in_either_language_become_cart_keys():
    shop = _shop(order_message="Hai {toko}! {produk} {varian}= {harga} {link}\n{nama}, {alamat}, {kode} {tanya}\n")
    assert cart_settings(shop)["template"] == "Hai {shop}! {items} = {total} \n{name}, {address}, {code} {tanya}"
    variant = Variant("2 meter", 400000)
    text = product_message(shop, Product("p", "Kain", 350000, "p.md", variants=(variant,)), variant, "https://x/p")
    assert text == "Hai Batik Malon! Kain 2 meter= Rp400.000 https://x/p\n, ,  {tanya}"
