"""lapak edit on a phone-sized headless Chromium (360×740), against a real uvicorn server: sign in
with a card's link, add a product with two photos, change its price, mark it sold out, undo;
each time the rebuilt page under /situs/ shows the change."""

from __future__ import annotations

import io
import re
import socket
import threading
import time

import pytest
import uvicorn
from browser import expect, launch, start_playwright
from conftest import PHOTOS
from editmarket import jpeg, make_market

from generator.cli import main
from generator.edit.app import create_app


def camera_photo() -> bytes:
    """A 12 MP photo with a camera's grain, as a phone saves it (3-4 MB)."""
    from PIL import Image

    scene = Image.open(PHOTOS / "rotated-gps.jpg").convert("RGB").resize((4000, 3000))
    scene = Image.blend(scene, Image.effect_noise((4000, 3000), 40).convert("RGB"), 0.15)
    out = io.BytesIO()
    scene.save(out, "JPEG", quality=92)
    return out.getvalue()


@pytest.fixture
def server(tmp_path):
    root = make_market(tmp_path / "pasar")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    assert main(["edit", str(root), "--cards", "--base-url", base]) == 0
    app, posted = create_app(root), []

    async def recording(scope, receive, send):  # how many bytes each form sent over the network
        if scope["type"] == "http" and scope["method"] == "POST":
            posted.append(int(dict(scope["headers"]).get(b"content-length", b"0")))
        await app(scope, receive, send)

    config = uvicorn.Config(recording, host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    while not uv.started:  # waits for the socket, not for a duration
        if not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield root, base, posted
    uv.should_exit = True
    thread.join()


@pytest.fixture
def phone():
    playwright = start_playwright()
    try:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
        yield context.new_page()
        browser.close()
    finally:
        playwright.stop()


def _live_text(tab) -> str:
    """Follow the page's data-live link; the rebuilt page's text."""
    tab.wait_for_selector("[data-live]")  # a form is sent in the background (kept if there is no signal)
    assert tab.locator("[data-live]").count() == 1, tab.inner_text("body")
    tab.click("[data-live]")
    tab.wait_for_load_state()
    text = tab.inner_text("body")
    tab.go_back()
    return text


def test_a_seller_keeps_the_shop_current_from_the_phone(server, phone, tmp_path):
    root, base, posted = server
    sheet = (root / "edit-cards.html").read_text()
    link = re.search(r'data-card="toko-a".*?<a href="([^"]+)"', sheet, re.S).group(1)
    tab = phone
    tab.goto(link)
    assert tab.locator("[data-product]").count() == 2
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling

    # add a product with two photos
    tab.click("[data-new-product]")
    tab.fill("[name=nama]", "Batik Kawung")
    tab.fill("[name=harga]", "125rb")
    expect(tab.locator("[data-reading]")).to_have_text("Rp125.000")  # read back as typed
    tab.fill("[name=kategori]", "Kain")
    tab.fill("[name=deskripsi]", "Kain batik tulis.")
    small, big = tmp_path / "IMG_0.jpg", tmp_path / "IMG_1.jpg"
    small.write_bytes(jpeg((10, 60, 120), (800, 600)))
    big.write_bytes(camera_photo())
    assert big.stat().st_size > 2_000_000
    tab.set_input_files("[name=foto]", [str(small), str(big)])
    tab.wait_for_selector("[data-save]:not([data-busy])")
    tab.click("[data-save]")
    text = _live_text(tab)
    assert "Batik Kawung" in text and "Rp125.000" in text
    assert sorted(p.name for p in (root / "sellers/toko-a/photos").glob("batik-kawung*")) == [
        "batik-kawung-1.jpg",
        "batik-kawung-2.jpg",
    ]
    assert 50_000 < posted[0] < 500_000  # the 12 MP photo was shrunk in the phone before it travelled
    built = (root / "output/toko-a/batik-kawung.html").read_text()
    assert built.count("<picture") >= 2 or built.count("srcset") >= 2

    # change the price
    tab.goto(base + "/")
    tab.click("[data-product=batik-kawung] [data-edit]")
    tab.fill("[name=harga]", "150.000")
    tab.click("[data-save]")
    text = _live_text(tab)
    assert "Rp150.000" in text and "Rp125.000" not in text

    # sold out in one tap
    tab.goto(base + "/")
    tab.click("[data-product=batik-kawung] [data-sold-out-toggle]")
    assert "habis" in tab.inner_text("[data-product=batik-kawung]")
    assert "Habis" in _live_text(tab)

    # undo: available again
    tab.click("[data-undo]")
    assert "tersedia" in tab.inner_text("[data-product=batik-kawung]")
    tab.goto(base + "/situs/toko-a/batik-kawung.html")
    text = tab.inner_text("body")
    assert "Rp150.000" in text and "Habis" not in text

    # the second photo becomes the main one, then the first is removed (to the trash)
    def photos_on_page() -> list[str]:
        tab.goto(base + "/situs/toko-a/batik-kawung.html")
        return re.findall(r"(batik-kawung-\d)-[0-9a-f]+-\d+\.webp", tab.content())

    built_before = list(dict.fromkeys(photos_on_page()))
    assert built_before == ["batik-kawung-1", "batik-kawung-2"]
    tab.goto(base + "/")
    tab.click("[data-product=batik-kawung] [data-edit]")
    assert tab.locator("[data-variant-row]").count() == 2  # two empty variant rows, no script needed
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    photo_buttons = tab.locator("[data-photo] button")
    assert all(photo_buttons.nth(i).bounding_box()["height"] >= 44 for i in range(photo_buttons.count()))
    tab.click("[data-photo='photos/batik-kawung-2.jpg'] [data-photo-up]")
    assert tab.locator("[data-photo]").first.get_attribute("data-photo") == "photos/batik-kawung-2.jpg"
    assert list(dict.fromkeys(photos_on_page())) == ["batik-kawung-2", "batik-kawung-1"]
    tab.go_back()
    tab.click("[data-photo='photos/batik-kawung-1.jpg'] [data-photo-remove]")
    assert tab.locator("[data-photo]").count() == 1
    assert not (root / "sellers/toko-a/photos/batik-kawung-1.jpg").exists()
    assert any(p.name.endswith("batik-kawung-1.jpg") for p in (root / ".lapak-edit/trash/toko-a").iterdir())
    assert list(dict.fromkeys(photos_on_page())) == ["batik-kawung-2"]

    # hide the product: gone from the shop's pages; shown again: back
    tab.goto(base + "/")
    tab.click("[data-product=batik-kawung] [data-hide-toggle]")
    assert "disembunyikan" in tab.inner_text("[data-product=batik-kawung]")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.goto(base + "/situs/toko-a/index.html")
    assert "Batik Kawung" not in tab.inner_text("body") and "Teh Melati" in tab.inner_text("body")
    assert tab.goto(base + "/situs/toko-a/batik-kawung.html").status == 404
    tab.goto(base + "/")
    tab.click("[data-product=batik-kawung] [data-hide-toggle]")
    assert "disembunyikan" not in tab.inner_text("[data-product=batik-kawung]")
    assert "Batik Kawung" in _live_text(tab)


def test_a_form_sent_without_signal_is_kept_and_sent_when_the_signal_returns(server, phone, tmp_path):
    root, base, _ = server
    sheet = (root / "edit-cards.html").read_text()
    link = re.search(r'data-card="toko-a".*?<a href="([^"]+)"', sheet, re.S).group(1)
    tab = phone
    tab.goto(link)
    tab.click("[data-new-product]")
    tab.fill("[name=nama]", "Keripik Tempe")
    tab.fill("[name=harga]", "12rb")
    tab.fill("[name=deskripsi]", "Renyah.")
    photo = tmp_path / "IMG_5.jpg"
    photo.write_bytes(jpeg((120, 90, 30), (640, 480)))
    tab.set_input_files("[name=foto]", [str(photo)])
    tab.wait_for_selector("[data-save]:not([data-busy])")

    tab.context.set_offline(True)
    tab.click("[data-save]")
    expect(tab.locator("[data-offline]")).to_have_text("Belum terkirim — akan dikirim lagi saat ada sinyal")
    assert tab.input_value("[name=nama]") == "Keripik Tempe"  # what was typed stays
    kept = tab.evaluate("JSON.parse(localStorage.getItem('lapak-draft:/produk/baru'))")
    assert kept["nama"] == "Keripik Tempe" and kept["deskripsi"] == "Renyah." and "csrf_token" not in kept
    assert not (root / "sellers/toko-a/products/keripik-tempe.md").exists()

    tab.context.set_offline(False)
    tab.wait_for_selector("[data-live]")  # sent again by itself, and saved
    assert "Keripik Tempe" in _live_text(tab)
    assert (root / "sellers/toko-a/photos/keripik-tempe-1.jpg").is_file()  # the photo travelled too
    assert "Keripik Tempe" in (root / "output/toko-a/keripik-tempe.html").read_text()
    assert tab.evaluate("localStorage.getItem('lapak-draft:/produk/baru')") is None  # the draft is gone


def test_a_draft_kept_offline_is_restored_and_sent_when_the_page_is_opened_again(server, phone, tmp_path):
    root, base, _ = server
    sheet = (root / "edit-cards.html").read_text()
    link = re.search(r'data-card="toko-a".*?<a href="([^"]+)"', sheet, re.S).group(1)
    tab = phone
    context = tab.context
    tab.goto(link)
    tab.click("[data-new-product]")
    tab.fill("[name=nama]", "Rempeyek Kacang")
    tab.fill("[name=harga]", "8000")
    photo = tmp_path / "IMG_6.jpg"
    photo.write_bytes(jpeg((30, 90, 120), (640, 480)))
    tab.set_input_files("[name=foto]", [str(photo)])
    tab.wait_for_selector("[data-save]:not([data-busy])")

    def no_signal(route):  # the form's sending fails on the way; the pages themselves still open
        return route.abort("internetdisconnected") if route.request.method == "POST" else route.continue_()

    context.route("**/produk/baru", no_signal)
    tab.click("[data-save]")
    expect(tab.locator("[data-offline]")).to_be_visible()
    tab.close()  # the seller closed the page before the signal came back
    context.unroute("**/produk/baru")
    assert not (root / "sellers/toko-a/products/rempeyek-kacang.md").exists()

    again = context.new_page()
    again.goto(base + "/produk/baru")  # the kept draft is put back and sent
    again.wait_for_selector("[data-live]")
    assert "Rempeyek Kacang" in _live_text(again)
    assert sorted(p.name for p in (root / "sellers/toko-a/photos").glob("rempeyek-kacang*")) == [
        "rempeyek-kacang-1.jpg"
    ]


def test_chromium_finds_the_editor_installable(server, phone):
    root, base, _ = server
    sheet = (root / "edit-cards.html").read_text()
    phone.goto(re.search(r'data-card="toko-a".*?<a href="([^"]+)"', sheet, re.S).group(1))
    cdp = phone.context.new_cdp_session(phone)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [] and '"share_target"' in manifest["data"]  # loaded under the page's CSP
    errors = [e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    assert [e for e in errors if e != "in-incognito"] == []  # a test browser's profile is always incognito
