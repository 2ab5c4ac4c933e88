"""lapak edit on the seller's phone: installable (manifest, icons), photos shared from the gallery
(staged per session, written only by a saved form), the WhatsApp share link, and the card sheet
kept out of git."""

from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import time
from urllib.parse import unquote

import pytest
from conftest import PHOTOS
from editmarket import HOST, csrf, jpeg, make_market, signed_in
from PIL import Image
from starlette.testclient import TestClient

from generator.edit import make_cards, phone
from generator.edit.app import App
from generator.edit.links import Throttle
from generator.edit.pages import CSS, JS
from generator.edit.uploads import MAX_UPLOAD_BYTES


@pytest.fixture
def market(tmp_path):
    return make_market(tmp_path / "pasar")


@pytest.fixture
def app(market):
    return App(market, throttle=Throttle(base_delay=0, limit=5))


def files_of(market) -> dict[str, bytes]:
    return {str(p.relative_to(market)): p.read_bytes() for p in sorted((market / "sellers").rglob("*")) if p.is_file()}


def share(client, *photos):
    return client.post("/bagikan", files=[("foto", (name, data, "image/jpeg")) for name, data in photos])


def test_the_manifest_is_valid_linked_from_every_page_and_allowed_by_the_csp(app):
    client = TestClient(app.asgi, base_url=HOST)
    got = client.get("/manifest.webmanifest")  # fetched without cookies by the browser: public
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/manifest+json")
    data = json.loads(got.text)
    assert data["name"] == "Lapak — toko saya" and data["short_name"] and data["start_url"] == "/"
    assert data["display"] == "standalone" and data["theme_color"].startswith("#")
    purposes = {(i["sizes"], i["purpose"]) for i in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
    target = data["share_target"]
    assert target["action"] == "/bagikan" and target["method"] == "POST"
    assert target["enctype"] == "multipart/form-data"
    assert target["params"]["files"] == [{"name": "foto", "accept": ["image/*"]}]
    assert "manifest-src 'self'" in got.headers["content-security-policy"]

    signed_out = client.get("/")
    signed, _ = signed_in(app)
    for page in (signed_out, signed.get("/"), signed.get("/produk/baru"), signed.get("/produk/kopi")):
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page.text
        assert "manifest-src 'self'" in page.headers["content-security-policy"]


def test_the_icons_are_pngs_of_their_stated_sizes(app):
    client = TestClient(app.asgi, base_url=HOST)
    for entry in json.loads(client.get("/manifest.webmanifest").text)["icons"]:
        got = client.get(entry["src"])
        assert got.status_code == 200 and got.headers["content-type"] == "image/png"
        im = Image.open(io.BytesIO(got.content))
        assert im.format == "PNG" and f"{im.width}x{im.height}" == entry["sizes"]
    maskable = Image.open(io.BytesIO(client.get("/aset/ikon-maskable-512.png").content)).convert("RGB")
    assert maskable.getpixel((2, 2)) == maskable.getpixel((509, 509))  # the whole square is filled
    assert client.get("/aset/ikon-64.png").status_code == 404
    assert client.get("/aset/ikon-..%2F..%2Flapak.yaml").status_code == 404


def test_photos_shared_from_the_gallery_wait_for_the_new_product_form(app, market):
    client, _ = signed_in(app)
    before = files_of(market)
    got = share(client, ("IMG_1.jpg", jpeg((10, 60, 120), (800, 600))), ("IMG_2.jpg", jpeg()))
    assert got.status_code == 200 and got.url.path == "/produk/baru"  # no CSRF token from the system: staged only
    assert "2 foto dari galeri sudah terlampir" in got.text
    assert got.text.count('src="/bagikan/foto/') == 2 and 'name="bagikan" value="1"' in got.text
    assert files_of(market) == before  # nothing written to the seller's folder yet
    photo = client.get("/bagikan/foto/0.jpg")
    assert photo.status_code == 200 and Image.open(io.BytesIO(photo.content)).size == (800, 600)
    assert client.get("/bagikan/foto/2.jpg").status_code == 404
    assert client.get("/bagikan/foto/..%2Fkeys.json").status_code == 404

    other, _ = signed_in(app, "toko-b")  # another seller's session never sees them
    assert other.get("/bagikan/foto/0.jpg").status_code == 404
    assert "data-staged" not in other.get("/produk/baru").text

    # without the form's token nothing is written
    form = {"nama": "Batik Parang", "harga": "90rb", "stok": "", "kategori": "", "deskripsi": "", "bagikan": "1"}
    refused = client.post("/produk/baru", data=form)
    assert refused.status_code == 403 and files_of(market) == before

    saved = client.post("/produk/baru", data={**form, "csrf_token": csrf(got.text), "dasar": ""})
    assert saved.status_code == 200 and saved.url.path == "/produk/batik-parang"
    photos = sorted(p.name for p in (market / "sellers/toko-a/photos").glob("batik-parang*"))
    assert photos == ["batik-parang-1.jpg", "batik-parang-2.jpg"]
    assert client.get("/bagikan/foto/0.jpg").status_code == 404  # used once, then gone
    assert list((market / ".lapak-edit/pending").glob("*")) == []
    assert "data-staged" not in client.get("/produk/baru").text


def test_sharing_signed_out_says_to_open_the_card_first(app, market):
    before = files_of(market)
    got = share(TestClient(app.asgi, base_url=HOST), ("IMG_1.jpg", jpeg()))
    assert got.status_code == 403 and "buka dulu tautan dari kartu Anda" in got.text
    assert files_of(market) == before


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("not-a-photo.jpg", (PHOTOS / "not-a-photo.jpg").read_bytes(), "bukan foto"),
        ("bomb.png", (PHOTOS / "bomb.png").read_bytes(), "terlalu banyak piksel"),
        ("big.jpg", b"\xff\xd8" + b"0" * (MAX_UPLOAD_BYTES + 1), "lebih dari 15 MB"),
    ],
)
def test_a_bad_shared_photo_gets_a_clear_message_and_nothing_is_kept(app, market, name, data, message):
    client, _ = signed_in(app)
    before = files_of(market)
    got = share(client, ("ok.jpg", jpeg()), (name, data))
    assert got.status_code == 400 and message in got.text
    assert files_of(market) == before
    assert list((market / ".lapak-edit/pending").glob("*")) == []  # nothing staged
    assert "data-staged" not in client.get("/produk/baru").text
    assert share(client).status_code == 400  # nothing shared at all: told so


def test_staged_photos_expire_and_belong_to_one_seller(tmp_path, monkeypatch):
    staged, now = phone.Staged(tmp_path / "pending"), [time.time()]
    monkeypatch.setattr(phone.time, "time", lambda: now[0])
    key = staged.stage("toko-a", [jpeg(), jpeg((1, 2, 3))])
    assert len(staged.get(key, "toko-a")) == 2 and staged.get(key, "toko-b") == []
    for bad in (None, "", "../../sellers", key + "/..", key[:-1] + "/"):
        assert staged.get(bad, "toko-a") == []
    now[0] += phone.STAGE_SECONDS + 1
    assert staged.get(key, "toko-a") == [] and list((tmp_path / "pending").iterdir()) == []


def test_each_product_and_each_save_offers_a_whatsapp_share(app, market):
    client, _ = signed_in(app)
    page = client.get("/").text
    links = [unquote(href) for href in re.findall(r'data-share-wa href="([^"]+)"', page)]
    assert "https://wa.me/?text=Kopi Robusta Temanggung\nhttp://127.0.0.1:8001/situs/toko-a/kopi.html" in links
    assert len(links) == 2

    (market / "lapak.yaml").write_text("name: Pasar Uji\nsite_url: https://pasar.example/\n")
    page = client.get("/").text
    assert "https%3A%2F%2Fpasar.example%2Ftoko-a%2Fteh.html" in page  # the published address when there is one

    form = {"nama": "Sambal Roa", "harga": "30rb", "stok": "", "kategori": "", "deskripsi": ""}
    saved = client.post("/produk/baru", data={**form, "csrf_token": csrf(page), "dasar": ""})
    assert saved.status_code == 200
    shared = "https://wa.me/?text=Sambal%20Roa%0Ahttps%3A%2F%2Fpasar.example%2Ftoko-a%2Fsambal-roa.html"
    assert f'data-share-wa href="{shared}"' in saved.text


def test_the_card_sheet_is_git_ignored(tmp_path, capsys):
    plain = make_market(tmp_path / "plain")
    make_cards(plain, HOST, "id")
    assert (plain / "edit-cards.html").is_file() and not (plain / ".gitignore").exists()  # not a repository

    repo = make_market(tmp_path / "repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("# mine\n/output/")
    make_cards(repo, HOST, "id")
    make_cards(repo, HOST, "id")
    assert (repo / ".gitignore").read_text() == "# mine\n/output/\n/edit-cards.html\n"
    ignored = subprocess.run(["git", "-C", str(repo), "check-ignore", "-q", "edit-cards.html"])
    assert ignored.returncode == 0


def test_the_first_screen_stays_small(app):
    client, _ = signed_in(app)
    for path in ("/", "/produk/baru"):
        first = client.get(path).text + CSS + JS
        assert len(gzip.compress(first.encode())) <= 30 * 1024
