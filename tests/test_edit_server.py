"""lapak edit through its HTTP interface (Starlette's TestClient): what a seller does, and what
nobody else may do."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import threading

import pytest
from conftest import PHOTOS
from editmarket import HAND_WRITTEN, HOST, base_digest, csrf, jpeg, make_market, signed_in
from helpers import read_search
from starlette.testclient import TestClient

from generator.build import build
from generator.edit.app import App
from generator.edit.links import TRAINER, Throttle
from generator.edit.uploads import MAX_UPLOAD_BYTES


@pytest.fixture
def market(tmp_path):
    return make_market(tmp_path / "pasar")


@pytest.fixture
def app(market):
    return App(market, throttle=Throttle(base_delay=0, limit=5))


def kopi(market):
    return market / "sellers/toko-a/products/kopi.md"


def form_of(client, slug):
    page = client.get(f"/produk/{slug}")
    assert page.status_code == 200
    text = page.text
    values = {
        name: re.search(rf'name="{name}" value="([^"]*)"', text).group(1).replace("&#34;", '"')
        for name in ("nama", "harga", "stok", "kategori")
    }
    values["deskripsi"] = re.search(r"<textarea[^>]*>(.*?)</textarea>", text, re.S).group(1)
    values.update(csrf_token=csrf(text), dasar=base_digest(text))
    return values


def notices(html):
    return re.findall(r'class="(?:notice|error|problem)"[^>]*>([^<]+)', html)


# -- what a seller does ---------------------------------------------------------------------


def test_list_shows_each_product_with_price_state_and_actions(app):
    client, page = signed_in(app)
    assert re.findall(r'data-product="([^"]+)"', page) == ["kopi", "teh"]
    kopi_row = page.split('data-product="kopi"')[1].split("</li>")[0]
    assert "Rp45.000" in kopi_row and "tersedia" in kopi_row
    assert "data-sold-out-toggle" in kopi_row and 'data-edit href="/produk/kopi"' in kopi_row
    assert 'data-new-product href="/produk/baru"' in page
    assert client.get("/gambar/kopi.jpg").headers["content-type"] == "image/jpeg"


def test_english_shop_speaks_english(app):
    _, page = signed_in(app, "toko-b")
    assert "available" in page and "Mark sold out" in page and "tersedia" not in page


def test_change_price_keeps_the_hand_written_file_and_rebuilds(app, market):
    client, _ = signed_in(app)
    values = form_of(client, "kopi")
    assert values["harga"] == "Rp 45.000"
    values["harga"] = "50rb"
    page = client.post("/produk/kopi", data=values, follow_redirects=True)
    assert page.status_code == 200, notices(page.text)
    new = kopi(market).read_text().splitlines()
    old = HAND_WRITTEN.splitlines()
    assert [i for i, (a, b) in enumerate(zip(old, new)) if a != b] == [3] and len(new) == len(old)
    assert new[3].startswith('harga: "50rb"') and new[3].endswith("# harga per bungkus")  # its quotes and comment kept
    live = re.search(r'data-live href="([^"]+)"', page.text).group(1)
    assert live == "/situs/toko-a/kopi.html"
    assert "Rp50.000" in client.get(live).text


def test_new_product_with_photos_gets_names_made_by_lapak(app, market):
    client, page = signed_in(app)
    form = client.get("/produk/baru").text
    data = {
        "csrf_token": csrf(form),
        "dasar": "",
        "nama": "Kopi Arabika!",
        "harga": "Rp 60.000",
        "stok": "5",
        "kategori": "Minuman",
        "deskripsi": "Wangi.",
    }
    photos = [
        ("foto", ("../../../evil name.png", jpeg((1, 2, 3)), "image/jpeg")),
        ("foto", ("/etc/passwd", jpeg((4, 5, 6)), "image/jpeg")),
    ]
    page = client.post("/produk/baru", data=data, files=photos, follow_redirects=True)
    assert page.status_code == 200, notices(page.text)
    text = (market / "sellers/toko-a/products/kopi-arabika.md").read_text()
    assert text == "---\nnama: Kopi Arabika!\nharga: Rp 60.000\nstok: 5\nkategori: Minuman\n---\nWangi.\n"
    photos = sorted(p.name for p in (market / "sellers/toko-a/photos").iterdir())
    assert photos == ["kopi-arabika-1.jpg", "kopi-arabika-2.jpg", "kopi.jpg"]
    built = client.get("/situs/toko-a/kopi-arabika.html").text
    assert "Rp60.000" in built and built.count("kopi-arabika") > 2


def test_sold_out_in_one_tap_and_undo(app, market):
    client, page = signed_in(app)
    page = client.post("/produk/kopi/habis", data={"csrf_token": csrf(page)}, follow_redirects=True)
    assert "stok: habis\n" in kopi(market).read_text()
    assert "habis" in page.text.split('data-product="kopi"')[1].split("</li>")[0]
    live = re.search(r'data-live href="([^"]+)"', page.text).group(1)
    assert "Habis" in client.get(live).text or "habis" in client.get(live).text
    page = client.post("/batalkan", data={"csrf_token": csrf(page.text)}, follow_redirects=True)
    assert kopi(market).read_text() == HAND_WRITTEN
    assert "dibatalkan" in page.text
    page = client.post("/batalkan", data={"csrf_token": csrf(page.text)}, follow_redirects=True)
    assert "belum ada perubahan" in page.text


def test_delete_goes_to_a_recoverable_place_and_undo_brings_it_back(app, market):
    client, page = signed_in(app)
    client.post("/produk/kopi/hapus", data={"csrf_token": csrf(page)})
    assert not kopi(market).exists()
    assert [p.read_text() for p in (market / ".lapak-edit/trash/toko-a").iterdir()] == [HAND_WRITTEN]
    page = client.get("/").text
    assert 'data-product="kopi"' not in page
    client.post("/batalkan", data={"csrf_token": csrf(page)})
    assert kopi(market).read_text() == HAND_WRITTEN


def test_two_phones_editing_the_same_product_overwrite_nothing(app, market):
    phone1, _ = signed_in(app)
    phone2 = TestClient(app.asgi, base_url=HOST, cookies=phone1.cookies)
    first, second = form_of(phone1, "kopi"), form_of(phone2, "kopi")
    first["harga"] = "46000"
    assert phone1.post("/produk/kopi", data=first, follow_redirects=False).status_code == 303
    saved = kopi(market).read_text()
    second["harga"] = "47000"
    page = phone2.post("/produk/kopi", data=second)
    assert page.status_code == 409
    assert kopi(market).read_text() == saved
    assert "diubah dari HP lain" in page.text
    assert 'value="47000"' in page.text and "<td>46000</td>" in page.text  # both versions shown


def test_problems_are_shown_next_to_their_field_and_nothing_is_written(app, market):
    client, _ = signed_in(app)
    values = form_of(client, "kopi")
    values["harga"] = "tiga ratus"
    page = client.post("/produk/kopi", data=values)
    assert page.status_code == 400 and kopi(market).read_text() == HAND_WRITTEN
    after_price = page.text.split('name="harga"')[1].split("<label")[0]
    assert "bukan angka" in after_price


def test_a_file_with_a_problem_shows_the_builds_sentence_next_to_the_field(app, market):
    kopi(market).write_text(HAND_WRITTEN.replace('"Rp 45.000"', "mahal"))
    client, page = signed_in(app)
    assert "perlu diperbaiki" in page.split('data-product="kopi"')[1].split("</li>")[0]
    form = client.get("/produk/kopi").text
    assert "bukan angka" in form.split('name="harga"')[1].split("<label")[0]


def test_every_change_is_a_git_commit_in_a_git_market(market):
    subprocess.run(["git", "init", "-q", str(market)], check=True)
    subprocess.run(["git", "-C", str(market), "add", "sellers", "lapak.yaml"], check=True)
    subprocess.run(
        ["git", "-C", str(market), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start"], check=True
    )
    app = App(market, throttle=Throttle(base_delay=0))
    client, page = signed_in(app)
    client.post("/produk/kopi/habis", data={"csrf_token": csrf(page)})
    log = subprocess.run(
        ["git", "-C", str(market), "log", "--format=%s", "--name-only", "-1"], capture_output=True, text=True
    ).stdout
    assert log.splitlines()[:3] == ['toko-a: "Kopi Robusta Temanggung" habis', "", "sellers/toko-a/products/kopi.md"]
    status = subprocess.run(["git", "-C", str(market), "status", "--porcelain"], capture_output=True, text=True).stdout
    assert ".lapak-edit" not in status  # keys and history are never committed


def test_cards_sign_sellers_in(market, run):
    code, out, _ = run(["edit", str(market), "--cards", "--base-url", "https://edit.example.id"])
    assert code == 0 and "edit-cards.html" in out
    sheet = (market / "edit-cards.html").read_text()
    cards = dict(re.findall(r'data-card="([^"]+)".*?<a href="([^"]+)">\2</a>', sheet, re.S))
    assert set(cards) == {"toko-a", "toko-b"} and "<svg" in sheet and "Toko A" in sheet
    assert stat.S_IMODE(os.stat(market / "edit-cards.html").st_mode) == 0o600
    link = cards["toko-b"]
    assert link.startswith("https://edit.example.id/k/") and len(link.rsplit("/", 1)[1]) >= 22
    client = TestClient(App(market).asgi, base_url=HOST)
    page = client.get(link.replace("https://edit.example.id", ""), follow_redirects=True).text
    assert re.findall(r'data-product="([^"]+)"', page) == ["gula"]


def test_trainer_link_edits_every_shop(app, market):
    client, page = signed_in(app, TRAINER)
    assert "toko-a" in page and "toko-b" in page
    page = client.post("/toko", data={"csrf_token": csrf(page), "toko": "toko-b"}, follow_redirects=True).text
    assert re.findall(r'data-product="([^"]+)"', page) == ["gula"]
    client.post("/produk/gula/habis", data={"csrf_token": csrf(page)})
    assert "stock: sold out" in (market / "sellers/toko-b/products/gula.md").read_text()


# -- what nobody else may do ----------------------------------------------------------------


def test_another_sellers_session_cannot_read_or_change_this_shop(app, market):
    client, page = signed_in(app, "toko-b")
    token = csrf(page)
    assert client.get("/produk/kopi").status_code == 404
    assert client.get("/gambar/kopi.jpg").status_code == 404
    assert client.post("/produk/kopi/habis", data={"csrf_token": token}).status_code == 404
    assert client.post("/produk/kopi/hapus", data={"csrf_token": token}).status_code == 404
    assert client.post("/produk/kopi", data={"csrf_token": token, "nama": "x", "harga": "1"}).status_code == 404
    client.post("/toko", data={"csrf_token": token, "toko": "toko-a"})  # only the trainer picks shops
    assert 'data-product="kopi"' not in client.get("/").text
    assert kopi(market).read_text() == HAND_WRITTEN


def test_signed_out_sees_nothing(app):
    client = TestClient(app.asgi, base_url=HOST)
    for path in ("/", "/produk/kopi", "/produk/baru", "/situs/toko-a/index.html"):
        assert client.get(path).status_code == 403, path
    assert client.get("/gambar/kopi.jpg").status_code == 404


@pytest.mark.parametrize("token", [None, "", "wrong", "other-session"])
def test_a_post_without_the_right_csrf_token_is_refused(app, market, token):
    client, page = signed_in(app)
    if token == "other-session":
        _, other = signed_in(app, "toko-b")
        token = csrf(other)
    data = {} if token is None else {"csrf_token": token}
    for path in ("/produk/kopi/habis", "/produk/kopi/hapus", "/batalkan", "/keluar"):
        assert client.post(path, data=data).status_code == 403, path
    values = form_of(client, "kopi")
    values["harga"] = "1"
    values.pop("csrf_token")
    values.update(data)
    assert client.post("/produk/kopi", data=values).status_code == 403
    assert kopi(market).read_text() == HAND_WRITTEN


def test_a_post_from_another_site_is_refused(app, market):
    client, page = signed_in(app)
    r = client.post("/produk/kopi/habis", data={"csrf_token": csrf(page)}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403 and kopi(market).read_text() == HAND_WRITTEN


@pytest.mark.parametrize(
    "path",
    [
        "/produk/..%2F..%2Fshop",
        "/produk/%2Fetc%2Fpasswd",
        "/produk/%2e%2e",
        "/produk/kopi%00",
        "/produk/KOPI",
        "/produk/..%2Fproducts%2Fkopi/habis",
        "/gambar/..%2Fphotos%2Fkopi.jpg",
        "/gambar/%2Fetc%2Fpasswd.jpg",
        "/situs/..%2F.lapak-edit%2Fkeys.json",
        "/situs/../.lapak-edit/keys.json",
        "/situs/%2e%2e/lapak.yaml",
        "/situs/toko-a/.lapak-files.json",
        "/situs/.lapak-files.json",
        "/situs//etc/passwd",
        "/situs/toko-a/x/",
    ],
)
def test_paths_in_every_parameter_are_refused(app, market, path):
    client, page = signed_in(app)
    build(market)
    assert client.get("/situs/toko-a/index.html").status_code == 200
    assert (market / "output/.lapak-files.json").is_file()
    get = client.get(path)
    post = client.post(path, data={"csrf_token": csrf(page), "nama": "x", "harga": "1"})
    codes = (get.status_code, post.status_code)
    assert set(codes) <= {403, 404, 405}, codes
    assert "keys" not in get.text and "root:" not in get.text
    assert kopi(market).read_text() == HAND_WRITTEN


def test_trainer_shop_choice_is_checked(app):
    client, page = signed_in(app, TRAINER)
    for bad in ("../toko-a", "/etc", "toko-a/../toko-b", "TOKO-A"):
        page = client.post("/toko", data={"csrf_token": csrf(page), "toko": bad}, follow_redirects=True).text
        assert "data-product" not in page


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("not-a-photo.jpg", (PHOTOS / "not-a-photo.jpg").read_bytes(), "bukan foto"),
        ("bomb.png", (PHOTOS / "bomb.png").read_bytes(), "terlalu banyak piksel"),
        ("big.jpg", b"\xff\xd8" + b"0" * (MAX_UPLOAD_BYTES + 1), "lebih dari 15 MB"),
    ],
)
def test_bad_uploads_get_a_clear_message_and_change_nothing(app, market, name, data, message):
    client, _ = signed_in(app)
    values = form_of(client, "kopi")
    values["harga"] = "1"
    page = client.post(
        "/produk/kopi",
        data=values,
        files=[("foto", ("ok.jpg", jpeg(), "image/jpeg")), ("foto", (name, data, "image/png"))],
    )
    assert page.status_code == 400 and message in page.text.split('name="foto"')[1]
    assert kopi(market).read_text() == HAND_WRITTEN
    assert sorted(p.name for p in (market / "sellers/toko-a/photos").iterdir()) == ["kopi.jpg"]


def test_too_many_photos_and_too_large_a_request_are_refused(app, market):
    client, _ = signed_in(app)
    values = form_of(client, "kopi")
    eleven = [("foto", (f"{i}.jpg", jpeg(), "image/jpeg")) for i in range(11)]
    page = client.post("/produk/kopi", data=values, files=eleven)
    assert page.status_code == 400 and "terlalu banyak foto" in page.text
    page = client.post(
        "/produk/kopi",
        content=b"x" * 10,
        headers={"content-length": str(10**10), "content-type": "multipart/form-data; boundary=x"},
    )
    assert page.status_code == 413 and "terlalu besar" in page.text
    values["nama"] = "x" * 500
    page = client.post("/produk/kopi", data=values)
    assert page.status_code == 400 and "terlalu panjang" in page.text
    assert kopi(market).read_text() == HAND_WRITTEN


PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}",
    "</textarea><svg onload=alert(1)>",
]


def test_xss_payloads_in_every_field_come_out_inert(app, market):
    client, _ = signed_in(app)
    form = client.get("/produk/baru").text
    payload = " ".join(PAYLOADS)
    data = {
        "csrf_token": csrf(form),
        "dasar": "",
        "nama": "Kue " + PAYLOADS[0] + PAYLOADS[1],
        "harga": "25000",
        "stok": "",
        "kategori": PAYLOADS[1] + "</textarea>",
        "deskripsi": "Enak " + payload + "\n\n[klik](javascript:alert(1))",
    }
    page = client.post("/produk/baru", data=data, follow_redirects=True)
    assert page.status_code == 200, notices(page.text)
    slug = re.search(r"/situs/toko-a/([^\"]+)\.html", page.text).group(1)
    pages = [
        page.text,
        client.get("/").text,
        client.get(f"/produk/{slug}").text,
        client.get(f"/situs/toko-a/{slug}.html").text,
        client.get("/situs/toko-a/index.html").text,
    ]
    for html in pages:
        for bad in ("<script>alert", "<img src=x", "<svg onload", 'href="javascript:', "onerror=alert(1)>"):
            assert bad not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2]
    # Starting the payload in stok or harga is refused before anything is written.
    data.update(nama="Lain", harga="<script>alert(1)</script>")
    assert client.post("/produk/baru", data=data).status_code == 400


def test_editor_pages_carry_a_strict_policy_and_a_safe_cookie(app):
    client = TestClient(app.asgi, base_url=HOST)
    r = client.get(f"/k/{app.keys.new_link('toko-a')}")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe" not in csp
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["referrer-policy"] == "same-origin"
    assert '<script src="/aset/edit.js" defer></script>' in page.text and page.text.count("<script") == 1
    assert "style=" not in page.text


def test_links_are_stored_hashed_and_a_new_link_ends_the_old_one(app, market):
    client, page = signed_in(app)
    keys = market / ".lapak-edit/keys.json"
    assert stat.S_IMODE(os.stat(keys).st_mode) == 0o600
    assert (market / ".lapak-edit/.gitignore").read_text().endswith("\n*\n")  # never committed
    old = app.keys.new_link("toko-a")
    assert old not in keys.read_text()
    assert client.get("/").status_code == 403  # the session of the replaced link ended too
    fresh = TestClient(app.asgi, base_url=HOST)
    assert fresh.get(f"/k/{old}", follow_redirects=True).status_code == 200
    app.keys.new_link("toko-a")
    assert TestClient(app.asgi, base_url=HOST).get(f"/k/{old}").status_code == 403


def test_failed_sign_ins_are_slowed_then_stopped(app):
    client = TestClient(app.asgi, base_url=HOST)
    assert app.throttle.fail("x") == 0  # no waiting in this test's throttle; the real one doubles
    real = Throttle()
    assert [real.fail("y") for _ in range(4)] == [0.5, 1.0, 2.0, 4.0]
    for _ in range(5):
        assert client.get("/k/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status_code == 403
    good = app.keys.new_link("toko-a")
    assert client.get(f"/k/{good}").status_code == 429  # even a good link, from this client, for a while


def test_the_price_is_read_back_as_the_build_reads_it(app):
    client, _ = signed_in(app)
    assert client.get("/harga", params={"t": "25rb"}).json() == {"text": "Rp25.000"}
    assert client.get("/harga", params={"t": "1,5jt"}).json() == {"text": "Rp1.500.000"}
    assert "bukan angka" in client.get("/harga", params={"t": "tiga ratus"}).json()["text"]
    assert TestClient(app.asgi, base_url=HOST).get("/harga", params={"t": "1"}).status_code == 403


def test_edit_binds_to_this_machine_unless_told():
    from generator.cli import _parser

    args = _parser().parse_args(["edit"])
    assert args.host == "127.0.0.1" and args.port == 8001


def test_an_uploaded_photo_is_kept_upright_and_without_its_gps_position(app, market):
    from PIL import Image

    client, _ = signed_in(app)
    values = form_of(client, "kopi")
    original = Image.open(PHOTOS / "orient-6-gps.jpg")
    assert original.getexif().get_ifd(0x8825)  # the test photo does carry a GPS position
    page = client.post(
        "/produk/kopi",
        data=values,
        follow_redirects=True,
        files=[("foto", ("IMG_0001.JPG", (PHOTOS / "orient-6-gps.jpg").read_bytes(), "image/jpeg"))],
    )
    assert page.status_code == 200, notices(page.text)
    saved = Image.open(market / "sellers/toko-a/photos/kopi-1.jpg")
    assert not saved.getexif() and "exif" not in saved.info
    assert saved.size == (original.size[1], original.size[0])  # turned upright (EXIF orientation 6)
    assert kopi(market).read_text() == HAND_WRITTEN  # the file finds it by its name: no line changed


def test_undo_refuses_when_the_product_was_changed_again_since(app, market):
    client, page = signed_in(app)
    client.post("/produk/kopi/habis", data={"csrf_token": csrf(page)})
    kopi(market).write_text(kopi(market).read_text().replace("Minuman", "Kopi"))  # the trainer, by hand
    changed = kopi(market).read_text()
    page = client.post("/batalkan", data={"csrf_token": csrf(page)}, follow_redirects=True)
    assert "sudah diubah lagi" in page.text and kopi(market).read_text() == changed


def test_a_lost_card_is_replaced_and_the_old_link_stops(market, run):
    app = App(market, throttle=Throttle(base_delay=0))
    old = app.keys.new_link("toko-a")
    code, out, _ = run(["edit", str(market), "--new-link", "toko-a", "--base-url", "http://x"])
    assert code == 0 and "http://x/k/" in out
    new = re.search(r"http://x(/k/\S+)", out).group(1)
    fresh = App(market, throttle=Throttle(base_delay=0))
    assert TestClient(fresh.asgi, base_url=HOST).get(f"/k/{old}").status_code == 403
    assert TestClient(fresh.asgi, base_url=HOST).get(new).status_code in (200, 303)
    assert 'data-card="toko-a"' in (market / "edit-cards.html").read_text()
    code, _, err = run(["edit", str(market), "--new-link", "../toko-a"])
    assert code == 1 and "toko-a, toko-b" in err


def test_a_single_shop_folder_is_edited_too(site_copy):
    root = site_copy("single_shop")
    app = App(root, throttle=Throttle(base_delay=0))
    slug = next(iter(app.editor.sellers()))
    client, page = signed_in(app, slug)
    first = re.findall(r'data-product="([^"]+)"', page)[0]
    page = client.post(f"/produk/{first}/habis", data={"csrf_token": csrf(page)}, follow_redirects=True)
    live = re.search(r'data-live href="([^"]+)"', page.text).group(1)
    assert live == f"/situs/{first}.html" and client.get(live).status_code == 200


def test_a_change_lapak_cannot_make_line_by_line_is_refused_with_a_sentence(app, market):
    two_lines = "---\n{nama:  Kopi,\n  harga: 45000}\n---\nEnak.\n"  # one mapping written across lines
    kopi(market).write_text(two_lines)
    client, _ = signed_in(app)
    values = form_of(client, "kopi")
    values["nama"] = "Kopi Baru"
    page = client.post("/produk/kopi", data=values)
    assert page.status_code == 400 and "belum bisa diubah dari HP" in page.text
    assert kopi(market).read_text() == two_lines


def test_a_change_made_by_hand_shows_at_once(app, market):
    client, page = signed_in(app)
    assert "Kopi Robusta Temanggung" in page
    kopi(market).write_text(HAND_WRITTEN.replace("Temanggung", "Wonosobo!"))
    assert "Kopi Robusta Wonosobo!" in client.get("/").text


def test_a_file_lapak_cannot_read_for_the_form_is_explained_not_crashed(app, market):
    kopi(market).write_text("nama: Kopi\nharga: 45000\n")  # no front matter
    client, page = signed_in(app)
    assert 'data-product="kopi"' in page and "perlu diperbaiki" in page
    form = client.get("/produk/kopi")
    assert form.status_code == 409 and "belum bisa diubah dari HP" in form.text
    assert "---" in form.text  # the build's own sentence about the missing front matter


def test_later_rebuilds_read_a_hand_edit_of_the_same_shop_and_keep_the_others(app, market):
    build(market)  # the trainer's `lapak build`
    client, page = signed_in(app)
    client.post("/produk/teh/habis", data={"csrf_token": csrf(page)})  # the first build in this process
    kopi(market).write_text(HAND_WRITTEN.replace("Temanggung", "Wonosobo"))  # the trainer, by hand
    client.post("/produk/teh/habis", data={"csrf_token": csrf(page)})  # a later rebuild: only toko-a looked at
    assert "Kopi Robusta Wonosobo" in client.get("/situs/toko-a/kopi.html").text
    market_page = client.get("/situs/index.html").text
    assert "Toko A" in market_page and "Toko B" in market_page


SHOP_WRITTEN = """# Toko A (jangan hapus komentar ini)
name: Toko A
whatsapp: 0812-3456-7890   # nomor Bu Ani
delivery:
  - Ambil sendiri
"""


def shop_form(client):
    page = client.get("/pengaturan")
    assert page.status_code == 200
    values = {
        name: re.search(rf'name="{name}" value="([^"]*)"', page.text).group(1)
        for name in ("nama", "slogan", "whatsapp", "jam")
    }
    values["pembayaran"] = re.search(r"<textarea[^>]*>(.*?)</textarea>", page.text, re.S).group(1)
    values.update(csrf_token=csrf(page.text), dasar=base_digest(page.text))
    return values


def test_the_shops_details_are_changed_the_way_a_person_would(app, market):
    shop = market / "sellers/toko-a/shop.yaml"
    shop.write_text(SHOP_WRITTEN)
    client, page = signed_in(app)
    assert 'data-shop-settings href="/pengaturan"' in page
    values = shop_form(client)
    assert values["whatsapp"] == "0812-3456-7890"
    values.update(whatsapp="0813 9999 8888", slogan="Kopi enak", pembayaran="BRI 123\nQRIS")
    page = client.post("/pengaturan", data=values, follow_redirects=True)
    assert page.status_code == 200, notices(page.text)
    assert shop.read_text() == (
        "# Toko A (jangan hapus komentar ini)\nname: Toko A\nwhatsapp: 0813 9999 8888   # nomor Bu Ani\n"
        "delivery:\n  - Ambil sendiri\ntagline: Kopi enak\npayment: |\n  BRI 123\n  QRIS\n"
    )
    live = re.search(r'data-live href="([^"]+)"', page.text).group(1)
    assert live == "/situs/toko-a/index.html"
    built = client.get(live).text
    assert "wa.me/6281399998888" in built and "Kopi enak" in built


def test_a_wrong_whatsapp_number_is_explained_and_nothing_is_written(app, market):
    shop = market / "sellers/toko-a/shop.yaml"
    before = shop.read_text()
    client, _ = signed_in(app)
    values = shop_form(client)
    values["whatsapp"] = "12"
    page = client.post("/pengaturan", data=values)
    assert page.status_code == 400 and shop.read_text() == before
    assert '<p class="problem">' in page.text.split('name="whatsapp"')[1].split("<label")[0]
    values.update(whatsapp="0812-3456-7890", nama="")
    page = client.post("/pengaturan", data=values)
    assert page.status_code == 400 and shop.read_text() == before
    values.update(nama="Toko A", csrf_token="wrong")
    assert client.post("/pengaturan", data=values).status_code == 403


def test_the_shops_details_changed_meanwhile_are_not_overwritten(app, market):
    shop = market / "sellers/toko-a/shop.yaml"
    client, _ = signed_in(app)
    values = shop_form(client)
    shop.write_text(shop.read_text().replace("Toko A", "Toko Ani"))
    values["slogan"] = "Baru"
    page = client.post("/pengaturan", data=values)
    assert page.status_code == 409 and "Toko Ani" in page.text and "Baru" not in shop.read_text()


def test_a_save_answers_before_the_market_pages_and_they_follow(app, market, monkeypatch):
    client, page = signed_in(app)
    client.post("/produk/teh/habis", data={"csrf_token": csrf(page)})  # the first build in this process
    assert app.market_settled.wait(30)
    index = market / "output/index.html"
    before = index.read_bytes()
    release = threading.Event()
    market_pages = app.editor.market_pages
    monkeypatch.setattr(app.editor, "market_pages", lambda: release.wait(30) and market_pages())
    form = form_of(client, "teh")
    form["nama"] = "Teh Melati Wangi"
    saved = client.post("/produk/teh", data=form, follow_redirects=True)
    assert saved.status_code == 200, notices(saved.text)
    # the seller's own page is rebuilt and served while the market's pages are still waiting
    assert "Teh Melati Wangi" in client.get("/situs/toko-a/teh.html").text
    assert not app.market_settled.is_set() and index.read_bytes() == before
    release.set()
    assert client.get("/situs/index.html").status_code == 200  # served once they are rebuilt
    assert app.market_settled.is_set() and index.read_bytes() != before
    assert "Teh Melati Wangi" in [p[0] for p in read_search(market / "output")["products"].values()]


def test_market_pages_left_for_later_come_out_as_a_full_build_makes_them(market, tmp_path):
    build(market)
    teh = market / "sellers/toko-a/products/teh.md"
    teh.write_text(teh.read_text().replace("15000", "17500"))
    index = market / "output/index.html"
    before = index.read_bytes()
    build(market, only="toko-a", market_pages=False)
    assert "17.500" in (market / "output/toko-a/teh.html").read_text()
    assert index.read_bytes() == before  # left as it was
    build(market, changed=set())  # no seller read again: only the market's pages
    shutil.copytree(market, tmp_path / "fresh", ignore=shutil.ignore_patterns("output", ".lapak-*"))
    build(tmp_path / "fresh")
    fresh = tmp_path / "fresh/output"
    for page in ["index.html", "search-index.js", *(p.name for p in (fresh / "assets/cari").iterdir())]:
        rel = page if "." in page and "/" not in page and (fresh / page).exists() else f"assets/cari/{page}"
        assert (market / "output" / rel).read_bytes() == (fresh / rel).read_bytes(), rel
