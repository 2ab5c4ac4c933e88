"""The cart, as a buyer uses it: headless Chromium on the built sample site, WhatsApp intercepted.

Nothing leaves the machine: the site is served from 127.0.0.1 (and once opened from file://),
every other request is refused and recorded, and the wa.me navigation is caught and decoded.
"""

from __future__ import annotations

import gzip
import shutil

import pytest
from browser import FIXED_CODE, FIXED_TIME, Network, chromium_path, expect, launch, serve, start_playwright
from conftest import SITES
from helpers import parse, wa_links

from generator.cli import main
from generator.core.money import format_money

KB = 1024


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """tests/sites/basic built once for every test here."""
    root = tmp_path_factory.mktemp("cart") / "basic"
    shutil.copytree(SITES / "basic", root)
    assert main(["build", str(root), "--out", str(root.parent / "out")]) == 0
    return root.parent / "out"


@pytest.fixture(scope="module")
def browser():
    chromium_path()  # fail before starting anything
    playwright = start_playwright()
    try:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="module")
def site(built):
    with serve(built) as base:
        yield base


@pytest.fixture
def buyer(browser):
    """A fresh phone: new storage, a 390 px wide screen, no network but the local site."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(FIXED_TIME)
    net = Network(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, net
    context.close()
    assert not errors, errors
    assert not net.foreign, f"requests to other hosts: {net.foreign}"


def add(page, url, variant=None, quantity=None):
    page.goto(url)
    form = page.locator("form.addcart").first
    if variant:
        form.locator(f"input[name=variant][value='{variant}']").check()
    if quantity:
        form.locator("input[name=qty]").fill(str(quantity))
    form.locator("[data-add-to-cart]").click()


def checkout(page, name="", address="", delivery=None, note=""):
    page.fill("[name=name]", name)
    page.fill("[name=address]", address)
    if delivery:
        page.select_option("[name=delivery]", delivery)
    page.fill("[name=note]", note)
    page.click("[data-checkout]")
    page.wait_for_url("https://wa.me/**")


def test_two_products_quantity_remove_reload_and_the_exact_order_message(buyer, site):
    page, net = buyer
    page.goto(site + "toko-a/kain-indigo.html")
    page.check("input[name=variant][value='2 meter']")
    page.focus("[data-add-to-cart]")
    page.keyboard.press("Enter")  # keyboard works: a real form and a real button
    assert page.text_content("[data-cart-status]") == "Masuk keranjang: Kain Indigo (2 meter)"
    assert page.text_content("[data-cart-count]") == "1"
    page.goto(site + "toko-a/index.html")  # the shop page's cards add too
    page.click("li:has(a[href='selendang.html']) [data-add-to-cart]")
    page.click("li:has(a[href='batik-pesanan.html']) [data-add-to-cart]")
    assert page.text_content("[data-cart-count]") == "3"
    assert page.text_content("[data-cart-total]") == "Rp1.850.000 + tanya harga"
    page.click("[data-cart-link]")
    page.wait_for_url("**/toko-a/keranjang.html")
    rows = page.locator("[data-cart-items] li")
    expect(rows).to_have_count(3)
    rows.nth(0).locator("[data-step='1']").click()  # Kain Indigo: 1 → 2
    assert rows.nth(0).locator("[data-f=sub]").text_content() == "Rp700.000"
    rows.nth(2).get_by_role("button", name="Hapus: Batik Pesanan").click()
    assert page.text_content("[data-cart-status]") == "Dihapus dari keranjang: Batik Pesanan"
    assert page.text_content("[data-cart-total]") == "Rp2.200.000"
    page.reload()
    expect(rows).to_have_count(2)
    assert [r.locator("[data-f=name]").text_content() for r in rows.all()] == [
        "Kain Indigo (2 meter)",
        "Selendang Sutra",
    ]
    assert [r.locator("input").input_value() for r in rows.all()] == ["2", "1"]
    assert page.text_content("[data-cart-total]") == "Rp2.200.000"
    assert "Transfer BRI 1234-5678-90 a.n. Siti" in page.text_content(".checkout")  # payment shown
    checkout(page, "Sari Dewi", "Jl. Kenanga 5, Ungaran", "JNE", "Tolong dibungkus kado")
    assert net.message() == (
        "6281234567890",
        (
            "Halo Toko A, saya mau pesan:\n"
            "1. Kain Indigo (2 meter) × 2 = Rp700.000\n"
            "2. Selendang Sutra × 1 = Rp1.500.000\n"
            "Total: Rp2.200.000\n"
            "Nama: Sari Dewi\n"
            "Alamat: Jl. Kenanga 5, Ungaran\n"
            "Pengiriman: JNE\n"
            "Catatan: Tolong dibungkus kado\n"
            "Pembayaran: Transfer BRI 1234-5678-90 a.n. Siti\n"
            f"Kode pesanan: {FIXED_CODE}"
        ),
    )
    page.goto(site + "toko-a/keranjang.html")  # the buyer's details are remembered
    assert [page.input_value(f"[name={k}]") for k in ("name", "address", "delivery", "note")] == [
        "Sari Dewi",
        "Jl. Kenanga 5, Ungaran",
        "JNE",
        "Tolong dibungkus kado",
    ]


def test_price_on_request_is_listed_without_a_total(buyer, site):
    page, net = buyer
    add(page, site + "toko-a/batik-pesanan.html", quantity=3)
    page.goto(site + "toko-a/keranjang.html")
    assert page.text_content("[data-cart-items] [data-f=price]") == "Tanya harga"
    assert page.text_content("[data-cart-total]") == "tanya harga"
    checkout(page, "Budi")
    assert net.message()[1] == (
        "Halo Toko A, saya mau pesan:\n"
        "1. Batik Pesanan × 3 (tanya harga)\n"
        "Boleh tahu harganya?\n"  # as the product's own order asks
        "Nama: Budi\n"
        "Pengiriman: Ambil sendiri\n"
        "Pembayaran: Transfer BRI 1234-5678-90 a.n. Siti\n"
        f"Kode pesanan: {FIXED_CODE}"
    )


def test_two_shops_of_one_market_keep_their_own_carts(buyer, site):
    page, net = buyer
    add(page, site + "toko-a/selendang.html")
    page.goto(site + "toko-b/index.html")
    assert page.locator("[data-cart-link]").is_hidden()
    assert page.text_content("[data-cart-count]") == "0"
    page.click("[data-add-to-cart]")
    assert page.text_content("[data-cart-total]") == "IDR15,000"  # the shop's own language and format
    page.goto(site + "toko-a/keranjang.html")
    assert page.locator("[data-cart-items] [data-f=name]").all_text_contents() == ["Selendang Sutra"]
    page.goto(site + "toko-b/keranjang.html")
    assert page.locator("[data-cart-items] [data-f=name]").all_text_contents() == ["Keripik Tempe ꦏꦽꦥꦶꦏ꧀"]
    checkout(page, "Ann", "12 Jalan Solo")
    assert net.message() == (
        "6281320001111",
        (
            "Hello Shop B 🍪, I would like to order:\n"
            "1. Keripik Tempe ꦏꦽꦥꦶꦏ꧀ × 1 = IDR15,000\n"
            "Total: IDR15,000\n"
            "Name: Ann\n"
            "Address: 12 Jalan Solo\n"
            f"Order code: {FIXED_CODE}"
        ),
    )


def test_sold_out_products_and_variants_cannot_be_added(buyer, site):
    page, _ = buyer
    page.goto(site + "toko-a/masker-batik.html")
    assert page.locator("[data-add-to-cart]").count() == 0
    page.goto(site + "toko-a/index.html")
    assert page.locator("li:has(a[href='masker-batik.html']) [data-add-to-cart]").count() == 0
    page.goto(site + "toko-a/kain-indigo.html")
    assert page.locator("input[name=variant][value='2,5 meter']").is_disabled()
    # Even a forced choice of the sold-out variant adds nothing.
    page.eval_on_selector("input[name=variant][value='2,5 meter']", "r => { r.disabled = false; r.checked = true; }")
    page.click("[data-add-to-cart]")
    assert page.text_content("[data-cart-count]") == "0"
    assert page.locator("[data-cart-link]").is_hidden()


def test_without_javascript_the_order_links_still_work(browser, site):
    context = browser.new_context(java_script_enabled=False)
    net = Network(context)
    page = context.new_page()
    page.goto(site + "toko-a/kain-indigo.html")
    assert page.locator("form.addcart").is_hidden() and page.locator("[data-cart-link]").is_hidden()
    page.click("a.wa")
    page.wait_for_url("https://wa.me/**")
    assert net.message() == (
        "6281234567890",
        "Halo Toko A, saya mau pesan:\nKain Indigo (2 meter)\n"
        "Harga: Rp350.000\nhttps://pasar.example.id/uji/toko-a/kain-indigo.html",
    )
    page.goto(site + "toko-a/keranjang.html")
    assert page.locator("[data-cart-nojs]").is_visible()
    assert page.locator("[data-checkout]").is_hidden()
    context.close()


def test_the_cart_works_opened_from_disk(buyer, built):
    page, net = buyer
    add(page, (built / "toko-a/selendang.html").as_uri(), quantity=2)
    page.click("[data-cart-link]")
    page.wait_for_url("file://**/toko-a/keranjang.html")
    checkout(page, "Rina", "Desa Malon")
    number, text = net.message()
    assert number == "6281234567890" and "1. Selendang Sutra × 2 = Rp3.000.000\nTotal: Rp3.000.000\n" in text


def test_single_shop_from_disk_and_a_damaged_stored_cart(buyer, site_copy, tmp_path):
    page, net = buyer
    assert main(["build", str(site_copy("single_shop")), "--out", str(tmp_path / "site")]) == 0
    product = (tmp_path / "site/sambal.html").as_uri()
    page.goto(product)
    for damaged in ('{"items": [{"id": 1}, null, "x", {"name": "y"}], "form": 5}', '{"items": [', "[1]"):
        page.evaluate(
            """text => {
            const id = JSON.parse(document.getElementById('lapak-shop').textContent).id;
            localStorage.setItem('lapak-cart:' + id, text);
        }""",
            damaged,
        )
        page.reload()  # a damaged stored cart: an empty cart, no error
        assert page.text_content("[data-cart-count]") == "0", damaged
    page.click("[data-add-to-cart]")
    page.click("[data-cart-link]")
    page.wait_for_url("file://**/keranjang.html")
    checkout(page, "Wati")
    assert net.message() == (
        "6285712345678",
        "Halo Dapur Satu, saya mau pesan:\n1. Sambal Bawang × 1 = Rp20.000\n"
        f"Total: Rp20.000\nNama: Wati\nKode pesanan: {FIXED_CODE}",
    )


def test_touch_targets_are_at_least_44_px(buyer, site):
    page, _ = buyer
    add(page, site + "toko-a/kain-indigo.html")
    for url in ("toko-a/kain-indigo.html", "toko-a/index.html", "toko-a/keranjang.html"):
        page.goto(site + url)
        # A radio button is tapped anywhere on its label (the whole row of the variant).
        controls = page.locator(
            "form button:visible, form select:visible, form input:not([type=radio]):visible, "
            "form label:has(input[type=radio]):visible, form a:visible, [data-cart-items] button"
        )
        assert controls.count() >= 3, url
        for box in (c.bounding_box() for c in controls.all()):
            assert box["height"] >= 44 and box["width"] >= 44, (url, box)


def test_forty_items_still_make_a_working_link(browser, scratch):
    products = "\n".join(
        f"- nama: Kain Batik Tulis Pewarna Alam Motif Nomor {i:02d}\n  harga: {i}5rb" for i in range(1, 41)
    )
    root = scratch(
        {
            "sellers/grosir/shop.yaml": "nama: Grosir Batik\nwhatsapp: 0812 1111 2222\n",
            "sellers/grosir/products/semua.yaml": products,
        }
    )
    assert main(["build", str(root)]) == 0
    context = browser.new_context()
    context.add_init_script(FIXED_TIME)
    net = Network(context)
    page = context.new_page()
    with serve(root / "output") as base:
        page.goto(base + "grosir/index.html")
        buttons = page.locator("[data-add-to-cart]")
        assert buttons.count() == 40
        for button in buttons.all():
            button.click()
        page.click("[data-cart-link]")
        page.wait_for_url("**/keranjang.html")
        checkout(page, "Toko Kain Sejahtera", "Pasar Klewer Blok A 12, Solo")
    context.close()
    assert len(net.whatsapp[0]) < 4000  # a link every phone opens
    lines = net.message()[1].split("\n")
    assert lines[1] == "1. Kain Batik Tulis Pewarna… Motif Nomor 01 1x Rp15.000"  # compact lines
    assert [line.split(".")[0] for line in lines[1:41]] == [str(i) for i in range(1, 41)]
    assert lines[40] == "40. Kain Batik Tulis Pewarna… Motif Nomor 40 1x Rp405.000"
    assert lines[41] == "Total: " + format_money(sum(i * 10_000 + 5_000 for i in range(1, 41)))
    assert lines[-1] == f"Kode pesanan: {FIXED_CODE}"


def test_order_message_template_of_the_shop(browser, scratch):
    root = scratch(
        {
            "sellers/kue/shop.yaml": """\
            nama: Kue Bu Tini
            whatsapp: 0812 3333 4444
            pesan_order: |
              Permisi {toko}, pesanan {kode}:
              {pesanan}
              Jumlah {harga}. Kirim ke {alamat}
            """,
            "sellers/kue/products/nastar.md": "---\nnama: Nastar\nharga: 85rb\n---\n",
        }
    )
    code = main(["build", str(root)])
    assert code == 0
    product_link = wa_links(parse(root / "output/kue/nastar.html"))[0][1]
    assert product_link.startswith("Permisi Kue Bu Tini, pesanan :\nNastar\nJumlah Rp85.000.")
    context = browser.new_context()
    context.add_init_script(FIXED_TIME)
    net = Network(context)
    page = context.new_page()
    with serve(root / "output") as base:
        add(page, base + "kue/nastar.html", quantity=2)
        page.goto(base + "kue/keranjang.html")
        checkout(page, "Tini", "Jl. Melati 1", note="Tanpa kismis")
    context.close()
    assert net.message()[1] == (
        f"Permisi Kue Bu Tini, pesanan {FIXED_CODE}:\n"
        "1. Nastar × 2 = Rp170.000\n"
        "Jumlah Rp170.000. Kirim ke Jl. Melati 1\n"
        "Nama: Tini\n"
        "Catatan: Tanpa kismis"
    )


def test_script_is_small_shared_and_deferred(built):
    script = built / "assets/cart.js"
    size = len(gzip.compress(script.read_bytes(), 9))
    assert size <= 5 * KB, f"cart.js is {size} bytes gzipped"
    assert not list(built.glob("*/assets")), "one script for the whole market, not one per shop"
    for page_path in sorted(p for p in built.glob("*/*.html") if p.name != "katalog.html"):  # print page: no cart
        tags = [t for t in parse(page_path).find("script") if "src" in t]
        assert tags == [{"src": "../assets/cart.js", "defer": None}], page_path
        weight = len(gzip.compress(page_path.read_bytes(), 9)) + size
        assert weight <= 14 * KB, f"{page_path.name}: {weight} bytes gzipped with its script"


@pytest.fixture(scope="module")
def unit_site(tmp_path_factory):
    """A shop selling by the kilo, a free sample and a price on request."""
    root = tmp_path_factory.mktemp("units")
    files = {
        "sellers/ning/shop.yaml": "nama: Dapur Ning\nwhatsapp: 0812 3456 7890\n",
        "sellers/ning/products/beras.md": "---\nnama: Beras Merah\nharga: 25rb/kg\n---\n",
        "sellers/ning/products/sampel.md": "---\nnama: Sampel\nharga: gratis\n---\n",
        "sellers/ning/products/kue.md": "---\nnama: Kue Pesanan\nharga: tanya aja\n---\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    assert main(["build", str(root), "--out", str(root / "out")]) == 0
    with serve(root / "out") as base:
        yield base


def test_a_price_per_unit_a_free_item_and_a_price_on_request_in_the_cart_and_its_message(buyer, unit_site):
    page, net = buyer
    add(page, unit_site + "ning/beras.html", quantity=2)
    add(page, unit_site + "ning/sampel.html")
    add(page, unit_site + "ning/kue.html")
    page.goto(unit_site + "ning/keranjang.html")
    assert page.locator("[data-cart-items] [data-f=price]").all_text_contents() == [
        "Rp25.000 / kg",
        "Gratis",
        "Tanya harga",
    ]
    assert page.text_content("[data-cart-total]") == "Rp50.000 + tanya harga"
    checkout(page, "Sari")
    assert net.message()[1] == (
        "Halo Dapur Ning, saya mau pesan:\n"
        "1. Beras Merah × 2 kg = Rp50.000\n"
        "2. Sampel × 1 = Gratis\n"
        "3. Kue Pesanan × 1 (tanya harga)\n"
        "Total: Rp50.000 + tanya harga\n"
        "Boleh tahu harganya?\n"
        "Nama: Sari\n"
        f"Kode pesanan: {FIXED_CODE}"
    )
