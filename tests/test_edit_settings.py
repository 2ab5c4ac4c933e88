"""`lapak edit`: the shop's settings (accent colour, logo, delivery), the public one-seller
loader, the sign-in throttle behind one shared address, and publishing after a save."""

from __future__ import annotations

import io
import re
import secrets
import subprocess

import pytest
from editmarket import HOST, base_digest, csrf, make_market, signed_in
from PIL import Image
from starlette.testclient import TestClient

from generator.edit.app import App
from generator.edit.links import Throttle
from generator.edit.pages import LABELS
from generator.edit.publisher import Publisher
from generator.edit.shop import SWATCHES, contrast
from generator.load import loader


def test_guessing_links_from_one_address_is_stopped(tmp_path):
    app = App(make_market(tmp_path / "pasar"), throttle=Throttle(base_delay=0))
    client = TestClient(app.asgi, base_url=HOST)
    codes = [client.get(f"/k/{secrets.token_urlsafe(24)}").status_code for _ in range(app.throttle.limit + 5)]
    assert codes[: app.throttle.limit] == [403] * app.throttle.limit
    assert codes[app.throttle.limit :] == [429] * 5  # refused without a check from then on
    good = app.keys.new_link("toko-a")
    assert client.get(f"/k/{good}").status_code == 429  # the guesser's address, for a while


def test_a_whole_room_behind_one_address_signs_in(tmp_path):
    """40 phones on the venue's Wi-Fi: each first taps a stale card twice, then its new one."""
    market = make_market(tmp_path / "pasar")
    for n in range(40):
        folder = market / f"sellers/penjual-{n}"
        (folder / "products").mkdir(parents=True)
        (folder / "shop.yaml").write_text(f"name: Penjual {n}\nwhatsapp: 0812-3456-7890\n")
    app = App(market, throttle=Throttle(base_delay=0))
    stale = {n: app.keys.new_link(f"penjual-{n}") for n in range(40)}
    fresh = {n: app.keys.new_link(f"penjual-{n}") for n in range(40)}  # cards reprinted
    for n in range(40):
        phone = TestClient(app.asgi, base_url=HOST)  # all from the same address (testclient)
        assert phone.get(f"/k/{stale[n]}").status_code == 403
        assert phone.get(f"/k/{stale[n]}").status_code == 403
        page = phone.get(f"/k/{fresh[n]}", follow_redirects=True)
        assert page.status_code == 200, n
        assert f"Penjual {n}" in page.text


def test_the_same_stale_link_waits_longer_and_longer_but_others_do_not():
    t = Throttle()
    assert [t.fail("10.0.0.1", "AAAAAAAAxyz") for _ in range(4)] == [0.5, 1.0, 2.0, 4.0]
    assert t.fail("10.0.0.1", "BBBBBBBBxyz") == 0.5  # another phone in the room: its own wait
    assert [t.fail("10.0.0.1", "AAAAAAAA") for _ in range(3)] == [8.0, 8.0, 8.0]  # capped


def test_past_the_global_ceiling_only_addresses_that_failed_are_refused():
    t = Throttle(base_delay=0, limit=100, ceiling=10)
    for n in range(10):
        t.fail(f"10.0.0.{n}", "x" * 20)
    assert t.blocked("10.0.0.3")  # failed recently, and many are guessing
    assert not t.blocked("10.9.9.9")  # a seller who has not failed is still checked


def test_the_public_one_seller_loader_reads_as_the_build_does(tmp_path):
    market = make_market(tmp_path / "pasar")
    (market / "sellers/toko-a/products/rusak.md").write_text("---\nname: Rusak\nprice: tiga\n---\n")
    settings = loader.market_settings(market)
    one = loader.load_one_seller(market / "sellers/toko-a", "sellers/toko-a/", "toko-a", settings)
    assert one.shop is not None and one.shop.name == "Toko A"
    assert {p.slug for p in one.products} >= {"kopi", "teh"}
    assert any(f.endswith("rusak.md") for f in one.product_files)
    assert any(p.is_error and p.path.endswith("rusak.md") for p in one.problems)
    # the build itself refuses the seller for the same reason
    problems: list = []
    assert loader.load_seller(market / "sellers/toko-a", "sellers/toko-a/", "toko-a", settings, problems) is None
    assert {(p.path, p.code) for p in problems if p.is_error} == {(p.path, p.code) for p in one.problems if p.is_error}


def test_the_editor_uses_no_private_loader_function():
    from pathlib import Path

    import generator.edit

    for path in Path(generator.edit.__file__).parent.glob("*.py"):
        assert "loader._" not in path.read_text(encoding="utf-8"), path


SHOP_WITH_COLORS = """# Toko A (jangan hapus komentar ini)
nama: Toko A
whatsapp: 0812-3456-7890   # nomor Bu Ani
pengiriman:
  - Ambil sendiri
warna:
  aksen: "#1f4e79"   # biru tua
  latar: "#faf7f2"
"""


def settings_form(client):
    page = client.get("/pengaturan")
    assert page.status_code == 200
    text = page.text
    values = {
        name: re.search(rf'name="{name}" value="([^"]*)"', text).group(1)
        for name in ("nama", "slogan", "whatsapp", "jam")
    }
    for name in ("pembayaran", "pengiriman"):
        values[name] = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', text, re.S).group(1)
    checked = re.search(r'name="warna" value="([^"]*)" checked', text)
    values["warna"] = checked.group(1) if checked else ""
    values.update(csrf_token=csrf(text), dasar=base_digest(text))
    return values, text


@pytest.fixture
def app(tmp_path):
    return App(make_market(tmp_path / "pasar"), throttle=Throttle(base_delay=0))


def test_the_accent_colour_is_picked_from_swatches_and_written_in_place(app):
    shop = app.editor.root / "sellers/toko-a/shop.yaml"
    shop.write_text(SHOP_WITH_COLORS)
    client, _ = signed_in(app)
    values, page = settings_form(client)
    assert values["warna"] == "#1f4e79" and values["pengiriman"] == "Ambil sendiri"
    offered = re.findall(r'name="warna" value="(#[0-9a-f]+)"', page)
    assert "#0b6e4f" in offered and "#f2a65a" not in offered  # light colours are not offered on a light theme
    for color in offered:
        assert contrast(color, "#faf7f2") >= 4.5
    colours = page[page.index("data-colors") : page.index("</fieldset>", page.index("data-colors"))]
    shown = re.sub(r"<[^>]+>", " ", colours)
    assert "Hijau" in shown and "Biru tua (sekarang)" in shown and "#" not in shown  # names, no codes
    values["warna"] = "#0b6e4f"
    page = client.post("/pengaturan", data=values, follow_redirects=True)
    assert page.status_code == 200
    assert shop.read_text() == SHOP_WITH_COLORS.replace('"#1f4e79"', '"#0b6e4f"')  # comments and the rest kept
    built = client.get("/situs/toko-a/index.html").text
    assert "--accent:#0b6e4f" in built


def test_a_shop_without_colours_gets_one_and_can_go_back_to_the_themes(app):
    shop = app.editor.root / "sellers/toko-a/shop.yaml"
    before = shop.read_text()
    client, _ = signed_in(app)
    values, _ = settings_form(client)
    values["warna"] = "#a61b1b"
    assert client.post("/pengaturan", data=values, follow_redirects=True).status_code == 200
    assert shop.read_text() == before + 'colors: "#a61b1b"\n'  # the key in the file's language
    assert "--accent:#a61b1b" in client.get("/situs/toko-a/index.html").text
    values, _ = settings_form(client)
    assert values["warna"] == "#a61b1b"
    values["warna"] = ""
    assert client.post("/pengaturan", data=values, follow_redirects=True).status_code == 200
    assert shop.read_text() == before


def test_an_invalid_colour_is_refused_plainly_and_nothing_changes(app):
    shop = app.editor.root / "sellers/toko-a/shop.yaml"
    before = shop.read_text()
    client, _ = signed_in(app)
    values, _ = settings_form(client)
    for bad in ("red;}body{display:none", "#12345", "url(javascript:alert(1))", "<script>"):
        values["warna"] = bad
        page = client.post("/pengaturan", data=values)
        assert page.status_code == 400
        assert "tidak bisa dipakai dan tidak ada yang diubah" in page.text
        assert "<script>" not in page.text.split("<main>")[1]
        assert shop.read_text() == before


def test_delivery_options_are_written_as_a_list(app):
    shop = app.editor.root / "sellers/toko-a/shop.yaml"
    shop.write_text(SHOP_WITH_COLORS)
    client, _ = signed_in(app)
    values, _ = settings_form(client)
    values["pengiriman"] = "Ambil sendiri\nJNE\n  GoSend  \n"
    assert client.post("/pengaturan", data=values, follow_redirects=True).status_code == 200
    assert shop.read_text() == SHOP_WITH_COLORS.replace(
        "  - Ambil sendiri\n", "  - Ambil sendiri\n  - JNE\n  - GoSend\n"
    )
    assert "GoSend" in client.get("/situs/toko-a/keranjang.html").text or "GoSend" in (
        client.get("/situs/toko-a/index.html").text
    )


def test_a_logo_is_uploaded_shown_and_removed_to_the_trash(app):
    root = app.editor.root
    shop = root / "sellers/toko-a/shop.yaml"
    client, _ = signed_in(app)
    values, page = settings_form(client)
    assert 'src="/pengaturan/logo.jpg"' not in page
    files = {"logo": ("logo.png", png(), "image/png")}
    page = client.post("/pengaturan", data=values, files=files, follow_redirects=True)
    assert page.status_code == 200
    assert "logo: logo-1.jpg\n" in shop.read_text()
    logo = root / "sellers/toko-a/logo-1.jpg"
    with Image.open(logo) as im:
        assert im.format == "JPEG" and max(im.size) <= 2000  # shrunk from 3000 px
    values, page = settings_form(client)
    assert 'src="/pengaturan/logo.jpg"' in page
    thumb = client.get("/pengaturan/logo.jpg")
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    built = client.get("/situs/toko-a/index.html").text
    assert 'class="logo"' in built
    values["hapus_logo"] = "1"
    assert client.post("/pengaturan", data=values, follow_redirects=True).status_code == 200
    assert "logo" not in shop.read_text() and not logo.exists()
    trashed = list((root / ".lapak-edit/trash/toko-a").iterdir())
    assert [p.name.split("-", 1)[1] for p in trashed] == ["logo-1.jpg"]
    assert client.get("/pengaturan/logo.jpg").status_code == 404
    assert 'class="logo"' not in client.get("/situs/toko-a/index.html").text
    page = client.post("/batalkan", data={"csrf_token": values["csrf_token"]}, follow_redirects=True)
    assert logo.exists() and "logo: logo-1.jpg" in shop.read_text()  # undo brings it back


def test_a_bad_logo_is_refused_and_nothing_changes(app):
    shop = app.editor.root / "sellers/toko-a/shop.yaml"
    before = shop.read_text()
    client, _ = signed_in(app)
    values, _ = settings_form(client)
    bomb = io.BytesIO()
    Image.new("1", (20000, 20000)).save(bomb, "PNG")
    for data, said in (
        (b"<svg onload=alert(1)>", "bukan foto"),
        (bomb.getvalue(), "terlalu banyak piksel"),
        (b"\xff\xd8" + b"0" * (16 * 1024 * 1024), "lebih dari 15 MB"),
    ):
        page = client.post("/pengaturan", data=values, files={"logo": ("logo.png", data, "image/png")})
        assert page.status_code in (400, 413)
        assert said in page.text or page.status_code == 413
        assert shop.read_text() == before
        assert not list((app.editor.root / "sellers/toko-a").glob("logo*"))


def test_another_sellers_session_cannot_change_this_shop(app):
    shop_a = app.editor.root / "sellers/toko-a/shop.yaml"
    before = shop_a.read_text()
    client_b, _ = signed_in(app, "toko-b")
    values, _ = settings_form(client_b)  # toko-b's own form: the session decides the shop
    values.update(warna="#a61b1b", toko="toko-a", seller="toko-a")
    client_b.post("/pengaturan", data=values, files={"logo": ("l.png", png(), "image/png")})
    assert shop_a.read_text() == before
    assert "#a61b1b" in (app.editor.root / "sellers/toko-b/shop.yaml").read_text()
    assert not list((app.editor.root / "sellers/toko-a").glob("logo*"))


def test_the_settings_need_the_csrf_token(app):
    shop = app.editor.root / "sellers/toko-a/shop.yaml"
    before = shop.read_text()
    client, _ = signed_in(app)
    values, _ = settings_form(client)
    values["warna"] = "#a61b1b"
    for forged in ({k: v for k, v in values.items() if k != "csrf_token"}, {**values, "csrf_token": "x" * 43}):
        page = client.post("/pengaturan", data=forged, files={"logo": ("l.png", png(), "image/png")})
        assert page.status_code == 403
    page = client.post("/pengaturan", data=values, headers={"origin": "http://evil.example"})
    assert page.status_code == 403
    assert shop.read_text() == before
    assert not list((app.editor.root / "sellers/toko-a").glob("logo*"))


def test_every_swatch_has_a_name_in_both_languages():
    for color in SWATCHES:
        names = LABELS[color]
        assert all(name and "#" not in name for name in names) and names[0] != names[1]


def test_every_swatch_carries_text_at_aa():
    for color in SWATCHES:
        assert max(contrast(color, "#ffffff"), contrast(color, "#1a1208")) >= 4.5, color


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (3000, 1000), (20, 80, 160, 255)).save(out, "PNG")
    return out.getvalue()


def _git(*args: str, cwd=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def _toggle(client):
    page = client.get("/")
    token = csrf(page.text)
    return client.post("/produk/teh/habis", data={"csrf_token": token}, follow_redirects=True)


def test_a_save_is_published_to_a_git_remote_in_the_background(tmp_path):
    remote = tmp_path / "situs.git"
    _git("init", "-q", "--bare", str(remote))
    said: list[str] = []
    market = make_market(tmp_path / "pasar")
    publisher = Publisher(market / "output", str(remote), "gh-pages", interval=0, say=said.append)
    app = App(market, throttle=Throttle(base_delay=0), publisher=publisher)
    client, _ = signed_in(app)
    page = _toggle(client)
    assert page.status_code == 200
    publisher.settle()
    teh = _git("--git-dir", str(remote), "show", "gh-pages:toko-a/teh.html")
    assert "habis" in teh.lower()
    assert said and "terbit ke" in said[-1]
    page = client.get("/")
    assert "sudah terbit barusan" in page.text and "data-published" in page.text
    words, bad = publisher.status("id", now=publisher.last_ok + 125)
    assert words == "sudah terbit 2 menit yang lalu" and not bad


def test_saves_within_the_interval_go_out_together(tmp_path):
    calls: list[str] = []
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("x")

    def fake(site, remote, branch):
        calls.append((site / "index.html").read_text())
        return "abc1234567890"

    publisher = Publisher(out, "remote", interval=3600, publish=fake, say=lambda _: None)
    publisher.request()
    publisher.settle()
    assert calls == ["x"]
    for n in range(5):  # five saves within the hour
        (out / "index.html").write_text(f"save {n}")
        publisher.request()
    assert publisher.pending and calls == ["x"]  # waiting for the interval, not pushed again
    assert publisher.status("id")[0].startswith("perubahan akan terbit")
    with publisher._cond:
        publisher.interval = 0  # the hour is over
        publisher._cond.notify_all()
    publisher.settle()
    assert calls == ["x", "save 4"]  # one push for all five, with the last state


def test_a_failed_publish_is_said_plainly_and_told_to_the_trainer(tmp_path):
    said: list[str] = []
    market = make_market(tmp_path / "pasar")
    publisher = Publisher(market / "output", str(tmp_path / "tidak-ada.git"), interval=0, say=said.append)
    app = App(market, throttle=Throttle(base_delay=0), publisher=publisher)
    client, _ = signed_in(app)
    assert _toggle(client).status_code == 200  # the save itself is done
    publisher.settle()
    assert said and said[-1].startswith(f"menerbitkan ke {tmp_path / 'tidak-ada.git'} gagal")
    page = client.get("/").text
    assert "belum bisa diterbitkan" in page and "beri tahu pelatih" in page
    assert "fatal" not in page  # git's words stay in the terminal


def test_without_publish_nothing_is_said_about_publishing(app):
    client, _ = signed_in(app)
    assert "data-published" not in _toggle(client).text


def test_a_dark_theme_is_offered_light_colours_and_a_colour_written_loosely_is_kept(app):
    shop = app.editor.root / "sellers/toko-b/shop.yaml"
    shop.write_text("name: Toko B\nwhatsapp: 0813-1111-2222\ntheme: malam\ncolors: F2A65A  # oranye\n")
    before = shop.read_text()
    client, _ = signed_in(app, "toko-b")
    values, page = settings_form(client)
    offered = re.findall(r'name="warna" value="(#[0-9a-f]+)"', page)
    assert "#f2a65a" in offered and "#1f4e79" not in offered
    assert values["warna"] == "#f2a65a"
    assert client.post("/pengaturan", data=values, follow_redirects=True).status_code == 200
    assert shop.read_text() == before  # the same colour: the line is not rewritten


LINED_UP = b"""nama:    Toko A
warna:
    aksen:   "#1f4e79"   # biru
    latar: "#ffffff"
pengiriman:
- JNE
- Pos
jam: pagi
"""


def test_a_file_changed_line_by_line_keeps_the_colour_comment_and_replaces_whole_lists():
    from generator.edit import files

    doc = files.parse(LINED_UP, False, shop=True)
    assert doc.lines is not None  # values lined up by hand: changed line by line
    files.set_accent(doc, "#0b6e4f", "id")
    files.set_field(doc, "delivery", ["JNE", "GoSend"], "id")
    assert doc.text() == LINED_UP.decode().replace('"#1f4e79"', '"#0b6e4f"').replace(
        "- JNE\n- Pos\n", "  - JNE\n  - GoSend\n"
    )
    doc = files.parse(LINED_UP, False, shop=True)
    files.set_accent(doc, "", "id")
    files.set_field(doc, "delivery", None, "id")
    assert doc.text() == 'nama:    Toko A\nwarna:\n  latar: "#ffffff"\njam: pagi\n'
