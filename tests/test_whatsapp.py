"""The order messages' Python side: the words and money format the cart's script is given."""

from __future__ import annotations

from generator.core.models import Product, Shop, Variant
from generator.core.money import format_money, money_parts, price_text
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
        "template": "Halo {shop}, saya mau pesan:",
        "shop": "Batik Malon",
        "ask": "tanya harga",
        "ask_line": "Boleh tahu harganya?",
        "free": "Gratis",
        "labels": {
            "total": "Total",
            "name": "Nama",
            "address": "Alamat",
            "delivery": "Pengiriman",
            "note": "Catatan",
            "payment": "Pembayaran",
            "code": "Kode pesanan",
        },
        "payment": "Transfer BRI",
    }
    one = product_message(shop, Product("p", "Kain", 350000, "p.md"))
    assert one.split("\n")[0] == settings["template"].replace("{shop}", shop.name)
    assert cart_settings(_shop(language="en"))["labels"]["code"] == "Order code"


def test_order_message_placeholders_in_either_language_become_cart_keys():
    shop = _shop(order_message="Hai {toko}! {produk} {varian}= {harga} {link}\n{nama}, {alamat}, {kode} {tanya}\n")
    assert cart_settings(shop)["template"] == "Hai {shop}! {items} = {total} \n{name}, {address}, {code} {tanya}"
    variant = Variant("2 meter", 400000)
    text = product_message(shop, Product("p", "Kain", 350000, "p.md", variants=(variant,)), variant, "https://x/p")
    assert text == "Hai Batik Malon! Kain 2 meter= Rp400.000 https://x/p\n, ,  {tanya}"


def test_an_order_for_a_product_without_a_price_asks_for_it_in_either_language():
    product = Product("p", "Batik Pesanan", None, "p.md")
    assert product_message(_shop(), product, url="https://x/p") == (
        "Halo Batik Malon, saya mau pesan:\nBatik Pesanan\nBoleh tahu harganya?\nhttps://x/p"
    )
    assert product_message(_shop(language="en"), product) == (
        "Hello Batik Malon, I would like to order:\nBatik Pesanan\nCould you tell me the price?"
    )
    # the cart's script is given the same sentence for a cart holding such a product
    assert cart_settings(_shop())["ask_line"] == "Boleh tahu harganya?"
    assert cart_settings(_shop(language="en"))["ask_line"] == "Could you tell me the price?"


def test_an_order_shows_a_free_product_and_a_price_per_unit_as_the_page_does():
    free = Product("p", "Stiker", 0, "p.md")
    assert product_message(_shop(), free).split("\n")[2] == "Harga: Gratis"
    assert product_message(_shop(language="en"), free).split("\n")[2] == "Price: Free"
    rice = Product("b", "Beras Merah", 25000, "b.md", price_unit="kg")
    assert product_message(_shop(), rice).split("\n")[2] == "Harga: Rp25.000 / kg"
    cloth = Product(
        "k",
        "Kain",
        35000,
        "k.md",
        price_unit="meter",
        variants=(Variant("Indigo"), Variant("Sutra", 90000, price_unit="lembar")),
    )
    assert product_message(_shop(), cloth, cloth.variants[0]).split("\n")[2] == "Harga: Rp35.000 / meter"
    assert product_message(_shop(), cloth, cloth.variants[1]).split("\n")[2] == "Harga: Rp90.000 / lembar"
    assert cart_settings(_shop())["free"] == "Gratis" and cart_settings(_shop(language="en"))["free"] == "Free"


def test_price_text_writes_free_units_and_nothing_for_no_price():
    assert price_text(0) == "Gratis" and price_text(0, lang="en") == "Free"
    assert price_text(15000, unit="kg") == "Rp15.000 / kg"
    assert price_text(None) == "" and price_text(350000) == format_money(350000)


def test_a_product_old_price_applies_to_the_variants_it_is_above():
    # README's example: harga_coret 400.000 beside varian 2 meter: 350rb, 2,5 meter: 425rb
    short, long = Variant("2 meter", 350000), Variant("2,5 meter", 425000)
    kain = Product("k", "Kain", 350000, "k.md", old_price=400000, variants=(short, long))
    assert kain.variant_old_price(short) == 400000
    assert kain.variant_old_price(long) is None  # never an "old" price below the price paid
    own = Variant("3 meter", 500000, old_price=600000)
    assert Product("k", "Kain", 350000, "k.md", old_price=400000, variants=(own,)).variant_old_price(own) == 600000
    assert Product("k", "Kain", 350000, "k.md", old_price=300000).shown_old_price is None
    assert Product("k", "Kain", 350000, "k.md", old_price=400000).shown_old_price == 400000
    # the order carries the variant's price, as the cart does
    assert product_message(_shop(), kain, short).split("\n")[1:3] == ["Kain (2 meter)", "Harga: Rp350.000"]
