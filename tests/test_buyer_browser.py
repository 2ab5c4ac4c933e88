"""What a buyer sees on a phone, measured in a real headless Chromium: whole photos on a
product page, no sideways scrolling with hostile long words, cards that line up, one way to
order a product with variants (with and without JavaScript), a small cart bar, the market page."""

from __future__ import annotations

import io
from urllib.parse import unquote, urlsplit

import pytest
from browser import Network, serve
from PIL import Image

from generator.cli import main

THEMES = ("batik", "cerah", "malam")
LONG = "Batiktulispewarnaalamdarilerenggunungpatisemarangjawatengah"  # one word, ~560 px wide


def photo(width: int, height: int, color=(150, 60, 30)) -> bytes:
    """A JPEG with a band at its top and bottom (what a crop would lose)."""
    img = Image.new("RGB", (width, height), color)
    band = Image.new("RGB", (width, height // 10), (20, 20, 160))
    img.paste(band, (0, 0))
    img.paste(band, (0, height - height // 10))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def hostile_market(scratch, theme: str):
    """A market whose every text is as long as a seller can make it."""
    return scratch(
        {
            "lapak.yaml": f"nama: Pasar {LONG}\ntema: {theme}\ntentang: |\n  {LONG} {LONG}\n  baris kedua.\n",
            "sellers/t/shop.yaml": f"""
            nama: Toko {LONG}
            tema: {theme}
            whatsapp: 0812 3456 7890
            tagline: {LONG} {LONG}
            tentang: |
              {LONG} https://www.contoh.id/{LONG}/{LONG}
              {LONG}
            kota: {LONG}
            alamat: Jl. {LONG} No. 17, {LONG}
            jam: {LONG}
            instagram: batikmalon.warnaalam.gunungpat
            pembayaran: |
              Transfer {LONG} 1234567890123456789012345678901234567890
              a.n. {LONG}
            pengiriman:
              - {LONG}
            logo: logo.jpg
            """,
            "sellers/t/photos/logo.jpg": photo(300, 300),
            "sellers/t/photos/kebaya.jpg": photo(600, 900),
            "sellers/t/photos/kain.jpg": photo(900, 600, (30, 90, 60)),
            "sellers/t/products/kebaya.yaml": f"""
            nama: Kebaya {LONG}
            harga: 350rb
            kategori: {LONG}
            foto: [kebaya.jpg, kain.jpg]
            varian:
              - {LONG}: 350rb
              - Ukuran M: 375rb
              - Ukuran L: 400rb
            deskripsi: |
              {LONG} {LONG}
            """,
            "sellers/t/products/kain.yaml": f"nama: Kain\nharga: 100rb\nkategori: {LONG}\nfoto: kain.jpg\n",
            "sellers/u/shop.yaml": "nama: Warung Tanpa Logo\nwhatsapp: 0813 2000 1111\n",
            "sellers/u/photos/a.jpg": photo(400, 300),
            "sellers/u/products/a.yaml": "nama: Sambal\nharga: 20rb\nfoto: a.jpg\n",
            "sellers/v/shop.yaml": "nama: ömah Jajan\nwhatsapp: 0813 2000 2222\n",
            "sellers/v/products/a.yaml": "nama: Kue\nharga: 5rb\n",
        }
    )


@pytest.fixture
def phone(chromium):
    """A new phone-sized browser tab (360×740) with only the local site reachable."""
    contexts = []

    def open_tab(width=360, height=740, js=True):
        context = chromium.new_context(viewport={"width": width, "height": height}, java_script_enabled=js)
        contexts.append(context)
        net = Network(context)
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.errors = errors
        return tab, net

    yield open_tab
    for context in contexts:
        context.close()


def built(scratch, theme="batik"):
    root = hostile_market(scratch, theme)
    assert main(["build", str(root)]) == 0
    return root / "output"


@pytest.mark.parametrize("theme", THEMES)
def test_no_page_scrolls_sideways_at_320_px(scratch, phone, theme):
    out = built(scratch, theme)
    pages = [
        "index.html",
        "404.html",
        "t/index.html",
        "t/kebaya.html",
        "t/kain.html",
        "t/katalog.html",
        "t/keranjang.html",
        *(p.relative_to(out).as_posix() for p in (out / "t" / "kategori").glob("*.html")),
    ]
    with serve(out) as base:
        tab, _ = phone(320, 640)
        for page in pages:
            tab.goto(base + page)
            tab.click("[data-add-to-cart]") if page == "t/kain.html" else None  # the cart bar shows
            width = tab.evaluate("document.scrollingElement.scrollWidth")
            assert width <= 320, f"{theme}: {page} is {width} px wide"
        assert not tab.errors


def test_a_portrait_photo_is_shown_whole_and_opens_at_full_size(scratch, phone):
    out = built(scratch)
    with serve(out) as base:
        tab, _ = phone()
        tab.goto(base + "t/kebaya.html")
        shots = tab.locator(".gallery a")
        assert shots.count() == 2
        img = shots.first.locator("img")
        box = img.bounding_box()
        natural = img.evaluate("i => i.naturalWidth / i.naturalHeight")
        assert natural == pytest.approx(600 / 900, rel=0.02)
        assert box["width"] / box["height"] == pytest.approx(natural, rel=0.02)  # not cropped
        assert img.evaluate("i => getComputedStyle(i).objectFit") != "cover"
        assert box["height"] <= 740 and box["width"] <= 360  # all of it on one screen
        assert img.get_attribute("width") and img.get_attribute("height")
        assert img.get_attribute("loading") is None  # the first photo loads at once …
        assert shots.nth(1).locator("img").get_attribute("loading") == "lazy"  # … the next when needed
        # The second photo is a swipe away: it starts beside the first, inside the gallery.
        gallery = tab.locator(".gallery")
        assert gallery.evaluate("g => getComputedStyle(g).scrollSnapType").startswith("x")
        assert gallery.evaluate("g => g.scrollWidth > g.clientWidth")
        # A tap opens the largest file of the photo.
        href = shots.first.get_attribute("href")
        tab.goto(base + "t/" + href)
        size = tab.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
        assert size[0] >= 600 * 0.99 and size[0] / size[1] == pytest.approx(600 / 900, rel=0.02)
        # Cards still show a square crop.
        tab.goto(base + "t/index.html")
        thumb = tab.locator(".card .thumb img").first
        assert thumb.evaluate("i => getComputedStyle(i).objectFit") == "cover"
        tbox = thumb.bounding_box()
        assert tbox["width"] == pytest.approx(tbox["height"], abs=1)


def _rows(boxes):
    rows = {}
    for b in boxes:
        rows.setdefault(round(b["y"]), []).append(b)
    return [r for r in rows.values() if len(r) > 1]


def test_cards_line_up_and_the_variant_picker_has_a_visible_label(scratch, phone):
    out = built(scratch)
    with serve(out) as base:
        tab, _ = phone(390, 844)
        tab.goto(base + "t/index.html")
        cards = tab.locator(".grid .card")
        assert cards.count() == 2
        label = tab.locator(".card label[for='v-kebaya']")
        assert label.is_visible() and label.bounding_box()["width"] > 20 and label.bounding_box()["height"] > 10
        assert label.inner_text() == "Varian"
        for card in cards.all():  # the card's box (its background) holds its button
            assert card.evaluate("c => getComputedStyle(c).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
        rows = _rows([c.bounding_box() for c in cards.all()])
        assert rows
        for row in rows:
            assert max(b["height"] for b in row) - min(b["height"] for b in row) < 1
        buttons = [b.bounding_box() for b in tab.locator(".grid [data-add-to-cart]").all()]
        assert max(b["y"] for b in buttons) - min(b["y"] for b in buttons) < 1  # at the bottom, side by side
        for card, button in zip(cards.all(), buttons):
            box = card.bounding_box()
            assert box["y"] + box["height"] - (button["y"] + button["height"]) < 16


def test_a_product_with_variants_has_one_way_to_order(scratch, phone):
    out = built(scratch)
    with serve(out) as base:
        tab, net = phone()
        tab.goto(base + "t/kebaya.html")
        # One choice (radio buttons), one WhatsApp button, one add-to-cart button.
        assert tab.locator("input[name=variant]:visible").count() == 3
        assert tab.locator("select:visible").count() == 0
        assert tab.locator(".detail a.wa:visible").count() == 1
        assert tab.locator(".detail [data-add-to-cart]:visible").count() == 1
        assert tab.get_by_text("Pilih varian").is_visible()
        assert tab.locator("input[name=variant]").first.is_checked()
        tab.get_by_label("Ukuran M").check()
        tab.click(".detail a.wa:visible")
        tab.wait_for_url("https://wa.me/**")
        number, text = net.message()
        assert "Kebaya" in text and "(Ukuran M)" in text and "Rp375.000" in text
        assert not tab.errors

        tab, net = phone()
        tab.goto(base + "t/kebaya.html")
        tab.get_by_label("Ukuran L").check()
        tab.click(".detail [data-add-to-cart]")
        assert tab.text_content("[data-cart-total]") == "Rp400.000"


def test_without_javascript_every_variant_has_its_own_order_link(scratch, phone):
    out = built(scratch)
    with serve(out) as base:
        for i, variant in enumerate([LONG, "Ukuran M", "Ukuran L"]):
            tab, net = phone(js=False)
            tab.goto(base + "t/kebaya.html")
            assert tab.locator("input[name=variant]:visible").count() == 0  # nothing that needs a script
            assert tab.locator("[data-add-to-cart]:visible").count() == 0
            links = tab.locator(".detail a.wa:visible")
            assert links.count() == 3
            links.nth(i).click()
            tab.wait_for_url("https://wa.me/**")
            assert f"({variant})" in net.message()[1]


def test_the_added_toast_and_the_cart_bar_are_small(scratch, phone):
    out = built(scratch)
    with serve(out) as base:
        tab, _ = phone(360, 740)
        tab.goto(base + "t/kebaya.html")
        tab.click(".detail [data-add-to-cart]")
        status, bar = tab.locator("[data-cart-status]"), tab.locator("[data-cart-link]")
        assert status.inner_text().startswith("Masuk keranjang") and bar.is_visible()
        top = min(status.bounding_box()["y"], bar.bounding_box()["y"])
        bottom = max(b["y"] + b["height"] for b in (status.bounding_box(), bar.bounding_box()))
        assert bottom - top <= 0.12 * 740, bottom - top
        assert bar.bounding_box()["height"] >= 44  # still easy to tap
        assert tab.get_by_role("status").text_content().endswith(f"Kebaya {LONG} ({LONG})")  # all of it said


def test_the_market_page_shows_its_title_once_and_a_picture_per_shop(scratch, phone):
    out = built(scratch)
    with serve(out) as base:
        tab, _ = phone()
        tab.goto(base + "index.html")
        assert tab.locator("body").inner_text().count(f"Pasar {LONG}") == 1
        assert tab.locator("h1").inner_text() == f"Pasar {LONG}"
        shops = {a.get_attribute("href"): a for a in tab.locator(".shops a").all()}
        for href in ("t/index.html", "u/index.html"):  # a logo; a product photo
            img = shops[href].locator("img")
            assert img.get_attribute("loading") == "lazy"
            assert int(img.get_attribute("width")) <= 320 and img.get_attribute("height")
            img.scroll_into_view_if_needed()
            # A lazy image starts loading once in view: wait for it (fails if it never decodes).
            tab.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=img.element_handle(), timeout=10_000)
            assert img.bounding_box()["width"] <= 64
        logo = urlsplit(shops["t/index.html"].locator("img").get_attribute("src")).path
        assert "logo" in logo and unquote(logo).startswith("t/foto/")
        initial = shops["v/index.html"].locator(".initial")
        assert initial.inner_text() == "Ö" and shops["v/index.html"].locator("img").count() == 0
        accent = tab.evaluate("""() => { const e = document.createElement('i'); e.style.color = 'var(--accent)';
            document.body.append(e); const c = getComputedStyle(e).color; e.remove(); return c; }""")
        assert initial.evaluate("e => getComputedStyle(e).backgroundColor") == accent  # the accent colour, not a blank
        assert not tab.errors


def test_a_shop_skipped_for_errors_keeps_its_picture_on_the_market_page(scratch):
    from generator.build import build

    root = hostile_market(scratch, "batik")
    assert build(root, jobs=1).ok
    first = (root / "output/index.html").read_text()
    (root / "sellers/t/shop.yaml").write_text("nama: [rusak\n")  # the shop cannot load now
    (root / "sellers/u/shop.yaml").write_text("nama: Warung Baru\nwhatsapp: 0813 2000 1111\n")
    build(root, jobs=1)
    market = (root / "output/index.html").read_text()
    assert market != first and "Warung Baru" in market
    logo = [line for line in first.splitlines() if "t/foto/logo" in line]
    assert logo and all(line in market for line in logo)  # the same picture, from its last build
