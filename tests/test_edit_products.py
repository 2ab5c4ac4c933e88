"""lapak edit's product form, its other parts: photos reordered and removed, a product hidden and
shown again, variants as rows, and a product price beside variant prices."""

from __future__ import annotations

import re

import pytest
from editmarket import HAND_WRITTEN, csrf, jpeg, make_market, signed_in
from helpers import read_search
from test_edit_server import form_of, kopi, notices

from generator.edit.app import App
from generator.edit.links import Throttle

LISTED = """---
# Kain dari Malon
nama: Kain Indigo
harga: 350rb   # harga pas
foto:
  - kain.jpg      # depan
  - kain-2.jpg    # belakang (jangan dihapus komentarnya)
  - kain-3.jpg
# sesudah daftar foto
kategori: Kain
---
Kain tenun.
"""


@pytest.fixture
def market(tmp_path):
    root = make_market(tmp_path / "pasar")
    photos = root / "sellers/toko-a/photos"
    for n, name in enumerate(("kain.jpg", "kain-2.jpg", "kain-3.jpg")):
        (photos / name).write_bytes(jpeg((40 * n, 90, 200 - 40 * n)))
    (root / "sellers/toko-a/products/kain.md").write_text(LISTED)
    (root / "sellers/toko-b/photos").mkdir()
    (root / "sellers/toko-b/photos/gula.jpg").write_bytes(jpeg((9, 9, 9)))
    return root


@pytest.fixture
def app(market):
    return App(market, throttle=Throttle(base_delay=0, limit=5))


def kain(market):
    return market / "sellers/toko-a/products/kain.md"


def photo_forms(html: str) -> list[str]:
    return re.findall(r'data-photo="([^"]+)"', html)


def act(client, slug, name, action, token=None):
    if token is None:
        token = csrf(client.get(f"/produk/{slug}").text)
    return client.post(
        f"/produk/{slug}/foto", data={"csrf_token": token, "gambar": name, "aksi": action}, follow_redirects=True
    )


# -- photos ---------------------------------------------------------------------------------


def test_the_form_lists_each_photo_with_big_buttons_first_is_main(app):
    client, _ = signed_in(app)
    page = client.get("/produk/kain").text
    assert photo_forms(page) == ["photos/kain.jpg", "photos/kain-2.jpg", "photos/kain-3.jpg"]
    first = page.split('data-photo="photos/kain.jpg"')[1].split("</li>")[0]
    assert "Foto utama" in first and "data-photo-up" not in first and "data-photo-down" in first
    last = page.split('data-photo="photos/kain-3.jpg"')[1].split("</li>")[0]
    assert "data-photo-up" in last and "data-photo-down" not in last and "data-photo-remove" in last
    assert page.count('enctype="multipart/form-data"') >= 4  # every button is a plain form


def test_moving_a_photo_moves_its_lines_and_keeps_every_comment(app, market):
    client, _ = signed_in(app)
    page = act(client, "kain", "photos/kain-2.jpg", "naik")
    assert page.status_code == 200, notices(page.text)
    assert "foto utama" in page.text  # the flash: the first photo is the main one
    lines = LISTED.splitlines()
    lines[5], lines[6] = lines[6], lines[5]
    assert kain(market).read_text().splitlines() == lines  # byte for byte, two lines swapped
    assert photo_forms(page.text)[0] == "photos/kain-2.jpg"
    page = act(client, "kain", "photos/kain.jpg", "turun")
    assert photo_forms(page.text) == ["photos/kain-2.jpg", "photos/kain-3.jpg", "photos/kain.jpg"]
    built = client.get("/situs/toko-a/kain.html").text
    assert built.index("kain-2-") < built.index("kain-3-") < built.rindex("/kain-")


def test_moving_a_photo_found_by_its_name_writes_the_list_down(app, market):
    (market / "sellers/toko-a/photos/kopi-2.jpg").write_bytes(jpeg((1, 200, 1)))
    client, _ = signed_in(app)
    page = act(client, "kopi", "photos/kopi-2.jpg", "naik")
    assert page.status_code == 200, notices(page.text)
    text = kopi(market).read_text()
    tags = "tags: [kopi, robusta]\n"
    assert text == HAND_WRITTEN.replace(tags, tags + "foto:\n  - kopi-2.jpg\n  - kopi.jpg\n")
    assert photo_forms(page.text) == ["photos/kopi-2.jpg", "photos/kopi.jpg"]


def test_removing_a_photo_puts_it_in_the_trash_and_undo_brings_it_back(app, market):
    client, _ = signed_in(app)
    page = act(client, "kain", "photos/kain-2.jpg", "hapus")
    assert page.status_code == 200, notices(page.text)
    assert "Batalkan" in page.text
    photos = market / "sellers/toko-a/photos"
    assert not (photos / "kain-2.jpg").exists()
    trash = list((market / ".lapak-edit/trash/toko-a").iterdir())
    assert [p.name.split("-", 1)[1] for p in trash] == ["kain-2.jpg"]
    lines = LISTED.splitlines()
    del lines[6]
    assert kain(market).read_text().splitlines() == lines  # its line gone, every comment kept
    assert photo_forms(page.text) == ["photos/kain.jpg", "photos/kain-3.jpg"]
    assert "kain-2-" not in client.get("/situs/toko-a/kain.html").text

    home = client.get("/").text
    page = client.post("/batalkan", data={"csrf_token": csrf(home)}, follow_redirects=True)
    assert "dibatalkan" in page.text
    assert (photos / "kain-2.jpg").read_bytes() == trash[0].read_bytes()
    assert kain(market).read_text() == LISTED
    assert "kain-2-" in client.get("/situs/toko-a/kain.html").text


def test_removing_the_last_photo_leaves_an_empty_list(app, market):
    client, _ = signed_in(app)
    page = act(client, "kopi", "photos/kopi.jpg", "hapus")  # found by its name: the file is unchanged
    assert page.status_code == 200, notices(page.text)
    assert kopi(market).read_text() == HAND_WRITTEN
    assert not (market / "sellers/toko-a/photos/kopi.jpg").exists()
    for name in ("kain.jpg", "kain-2.jpg", "kain-3.jpg"):
        act(client, "kain", f"photos/{name}", "hapus")
    assert "foto: []\n# sesudah daftar foto\n" in kain(market).read_text()


@pytest.mark.parametrize(
    "name",
    [
        "photos/gula.jpg",  # another seller's photo name
        "../../toko-b/photos/gula.jpg",
        "photos/../../toko-b/photos/gula.jpg",
        "/etc/passwd",
        "/sellers/toko-a/photos/kain.jpg",
        "photos/kopi.jpg",  # this seller's, but not this product's
        "kain.jpg",  # not as the list shows it
        "",
    ],
)
def test_a_photo_name_not_in_the_products_own_list_is_refused(app, market, name):
    client, _ = signed_in(app)
    before = {p: p.read_bytes() for p in market.rglob("*") if p.is_file() and ".lapak-edit" not in p.parts}
    for action in ("naik", "turun", "hapus"):
        page = act(client, "kain", name, action)
        assert page.status_code == 404 and "bukan foto produk ini" in page.text
    after = {p: p.read_bytes() for p in market.rglob("*") if p.is_file() and ".lapak-edit" not in p.parts}
    assert after == before


def test_photo_actions_need_the_csrf_token_and_a_known_action(app, market):
    client, _ = signed_in(app)
    for token in ("", "wrong"):
        page = act(client, "kain", "photos/kain-2.jpg", "hapus", token=token)
        assert page.status_code == 403
    page = act(client, "kain", "photos/kain-2.jpg", "../hapus")
    assert page.status_code == 404
    other, _ = signed_in(app, "toko-b")
    page = act(other, "kain", "photos/kain-2.jpg", "hapus", token=csrf(other.get("/").text))
    assert page.status_code == 404  # toko-b has no product kain: its session reaches only its own folder
    assert kain(market).read_text() == LISTED and (market / "sellers/toko-a/photos/kain-2.jpg").exists()


# -- hiding a product -------------------------------------------------------------------------


def test_hiding_a_product_takes_it_off_the_site_and_showing_it_brings_it_back(app, market):
    (market / "lapak.yaml").write_text("name: Pasar Uji\nsite_url: https://pasar.example\n")
    client, page = signed_in(app)
    row = page.split('data-product="kopi"')[1].split("</li>")[0]
    assert "data-hide-toggle" in row and "disembunyikan" not in row
    page = client.post("/produk/kopi/sembunyikan", data={"csrf_token": csrf(page)}, follow_redirects=True)
    assert page.status_code == 200, notices(page.text)
    assert "sembunyikan: ya\n" in kopi(market).read_text()
    tags = "tags: [kopi, robusta]\n"
    assert kopi(market).read_text() == HAND_WRITTEN.replace(tags, tags + "sembunyikan: ya\n")
    row = page.text.split('data-product="kopi"')[1].split("</li>")[0]
    assert "disembunyikan" in row and "Tampilkan lagi" in row
    assert client.get("/situs/toko-a/kopi.html").status_code == 404
    out = market / "output"
    assert "Kopi Robusta" not in (out / "toko-a/index.html").read_text()
    assert app.market_settled.wait(30)  # the market's own pages follow the save in the background
    found = [p[0] for p in read_search(out)["products"].values()]
    assert "Kopi Robusta" not in found and "Teh Melati" in found
    assert "kopi.html" not in "".join(p.read_text() for p in out.rglob("sitemap*.xml"))
    assert "Teh Melati" in (out / "toko-a/index.html").read_text()  # the others are still there

    page = client.post("/produk/kopi/sembunyikan", data={"csrf_token": csrf(page.text)}, follow_redirects=True)
    assert kopi(market).read_text() == HAND_WRITTEN  # the key is gone again: the file as it was
    assert "disembunyikan" not in page.text.split('data-product="kopi"')[1].split("</li>")[0]
    assert "Kopi Robusta" in client.get("/situs/toko-a/kopi.html").text
    assert "kopi.html" in "".join(p.read_text() for p in out.rglob("sitemap*.xml"))


def test_an_english_file_is_hidden_in_english_and_hiding_needs_the_token(app, market):
    client, page = signed_in(app)
    assert client.post("/produk/teh/sembunyikan", data={"csrf_token": "x"}).status_code == 403
    client.post("/produk/teh/sembunyikan", data={"csrf_token": csrf(page)})
    assert "hidden: yes\n" in (market / "sellers/toko-a/products/teh.md").read_text()
    assert client.post("/produk/..%2Fteh/sembunyikan", data={"csrf_token": csrf(page)}).status_code == 404


# -- variants as rows -------------------------------------------------------------------------


def rows_of(html):
    return [
        tuple(re.search(rf'id="v{n}-{c}"[^>]*value="([^"]*)"', html).group(1) for c in ("nama", "harga", "stok"))
        for n in range(1, html.count("data-variant-row") + 1)
    ]


def post_form(client, slug, rows, **changes):
    values = form_of(client, slug)
    values.update(changes)
    data: dict = {**values, "varian_ada": "1"}
    for n, cell in enumerate(("varian_nama", "varian_harga", "varian_stok")):
        data[cell] = [row[n] for row in rows]
    return client.post(f"/produk/{slug}", data=data, follow_redirects=True)


def test_variant_rows_are_added_without_javascript_and_empty_rows_ignored(app, market):
    client, _ = signed_in(app)
    page = client.get("/produk/kopi").text
    assert rows_of(page) == [("", "", "")] * 2  # two empty rows, always
    page = post_form(client, "kopi", [("250 gram", "", ""), ("", "", ""), ("1 kg", "150rb", "3")])
    assert page.status_code == 200, notices(page.text)
    text = kopi(market).read_text()
    assert text == HAND_WRITTEN.replace(
        "tags: [kopi, robusta]\n",
        "tags: [kopi, robusta]\nvarian:\n  - 250 gram\n  - nama: 1 kg\n    harga: 150rb\n    stok: 3\n",
    )
    assert rows_of(page.text) == [("250 gram", "", ""), ("1 kg", "150rb", "3"), ("", "", ""), ("", "", "")]
    built = client.get("/situs/toko-a/kopi.html").text
    assert "250 gram" in built and "Rp150.000" in built and "Rp45.000" in built  # the product's price for 250 gram


def test_a_wrong_variant_price_names_its_row_and_nothing_is_written(app, market):
    client, _ = signed_in(app)
    page = post_form(client, "kopi", [("Kecil", "25rb", ""), ("Besar", "tiga puluh", "")])
    assert page.status_code == 400
    assert any("baris 2 (&#34;Besar&#34;)" in n and "tiga puluh" in n for n in notices(page.text)), notices(page.text)
    assert rows_of(page.text)[:2] == [("Kecil", "25rb", ""), ("Besar", "tiga puluh", "")]  # kept as typed
    page = post_form(client, "kopi", [("", "25rb", "")])
    assert page.status_code == 400 and any("baris 1" in n for n in notices(page.text))
    assert kopi(market).read_text() == HAND_WRITTEN


EXISTING = """---
nama: Sambal
harga: 20rb
varian:   # pilihan rasa
  - nama: Pedas
    harga: 25rb
    harga_coret: 30rb   # promo
  - Manis
  - 500 gram: 40rb
stok: 10
---
Sambal rumahan.
"""


def test_changing_one_variant_row_keeps_the_other_items_and_their_keys(app, market):
    path = market / "sellers/toko-a/products/sambal.md"
    path.write_text(EXISTING)
    client, _ = signed_in(app)
    page = client.get("/produk/sambal").text
    assert rows_of(page)[:3] == [("Pedas", "25rb", ""), ("Manis", "", ""), ("500 gram", "40rb", "")]
    page = post_form(client, "sambal", [("Pedas", "27rb", ""), ("Manis", "", ""), ("500 gram", "40rb", "")])
    assert page.status_code == 200, notices(page.text)
    text = path.read_text()
    assert "    harga: 27rb\n    harga_coret: 30rb   # promo\n" in text
    assert text.replace("27rb", "25rb") == EXISTING  # every other line as it was
    page = post_form(client, "sambal", [("Pedas", "27rb", ""), ("500 gram", "40rb", "")])  # a row emptied
    assert "Manis" not in path.read_text() and "harga_coret: 30rb   # promo" in path.read_text()
    assert "# pilihan rasa" in path.read_text() and "Sambal rumahan." in path.read_text()


def test_variants_written_another_way_are_left_alone(app, market):
    path = market / "sellers/toko-a/products/sambal.md"
    path.write_text("---\nnama: Sambal\nharga: 20rb\nvarian:\n  - nama: Pedas\n    warna: [merah]\n---\n")
    client, _ = signed_in(app)
    page = client.get("/produk/sambal").text
    assert "data-variant-row" not in page and "ditulis di komputer" in page
    values = form_of(client, "sambal")
    values["harga"] = "22rb"
    page = client.post("/produk/sambal", data=values, follow_redirects=True)
    assert page.status_code == 200, notices(page.text)
    assert path.read_text() == "---\nnama: Sambal\nharga: 22rb\nvarian:\n  - nama: Pedas\n    warna: [merah]\n---\n"


# -- a product price beside variant prices -------------------------------------------------------


def test_a_product_price_no_variant_would_use_is_explained_not_ignored(app, market):
    path = market / "sellers/toko-a/products/sambal.md"
    path.write_text("---\nnama: Sambal\nharga: 20rb\nvarian:\n  - Kecil: 15rb\n  - Besar: 30rb\n---\n")
    client, _ = signed_in(app)
    values = form_of(client, "sambal")
    values["harga"] = "18rb"
    page = client.post("/produk/sambal", data=values)  # an older form: no rows sent
    assert page.status_code == 400
    assert any("semua varian punya harga sendiri" in n and "Rp18.000" in n for n in notices(page.text))
    assert path.read_text().startswith("---\nnama: Sambal\nharga: 20rb\n")
    # a row without its own price: it takes the product's price, so the price is used and saved
    page = post_form(client, "sambal", [("Kecil", "", ""), ("Besar", "30rb", "")], harga="18rb")
    assert page.status_code == 200, notices(page.text)
    built = client.get("/situs/toko-a/sambal.html").text
    assert "Rp18.000" in built and "Rp30.000" in built  # Kecil at the product's price
    # every row priced: no product price is needed
    page = post_form(client, "sambal", [("Kecil", "16rb", ""), ("Besar", "30rb", "")], harga="")
    assert page.status_code == 200, notices(page.text)
    assert "harga:" not in path.read_text().split("varian")[0]
    assert "Rp16.000" in client.get("/situs/toko-a/sambal.html").text


def test_a_new_product_with_variant_rows(app, market):
    client, _ = signed_in(app)
    form = client.get("/produk/baru").text
    assert rows_of(form) == [("", "", "")] * 2
    data = {
        "csrf_token": csrf(form),
        "dasar": "",
        "nama": "Keripik",
        "harga": "10rb",
        "varian_ada": "1",
        "varian_nama": ["Original", "Balado", ""],
        "varian_harga": ["", "12rb", ""],
        "varian_stok": ["habis", "", ""],
    }
    page = client.post("/produk/baru", data=data, follow_redirects=True)
    assert page.status_code == 200, notices(page.text)
    assert (market / "sellers/toko-a/products/keripik.md").read_text() == (
        "---\nnama: Keripik\nharga: 10rb\nvarian:\n  - nama: Original\n    stok: habis\n"
        "  - nama: Balado\n    harga: 12rb\n---\n"
    )


def test_rows_sent_for_variants_rows_cannot_hold_change_nothing_and_a_hidden_product_links_to_the_shop(app, market):
    path = market / "sellers/toko-a/products/sambal.md"
    text = "---\nnama: Sambal\nharga: 20rb\nvarian:\n  - nama: Pedas\n    warna: [merah]\nsembunyikan: ya\n---\n"
    path.write_text(text)
    client, _ = signed_in(app)
    page = post_form(client, "sambal", [("Manis", "", "")], deskripsi="Pedas sekali.")  # a forged form
    assert page.status_code == 200, notices(page.text)
    assert path.read_text() == text + "Pedas sekali.\n"
    assert re.search(r'data-live href="([^"]+)"', page.text).group(1) == "/situs/toko-a/index.html"


def test_a_photo_written_with_its_caption_moves_with_its_caption(app, market):
    text = "---\nnama: Kain\nharga: 1\nfoto:\n  - file: kain.jpg\n    alt: Depan   # keterangan\n  - Kain-2\n---\n"
    kain(market).write_text(text)
    client, _ = signed_in(app)
    page = act(client, "kain", "photos/kain-2.jpg", "naik")  # written `Kain-2`: found as the build finds it
    assert page.status_code == 200, notices(page.text)
    assert kain(market).read_text() == (
        "---\nnama: Kain\nharga: 1\nfoto:\n  - Kain-2\n  - file: kain.jpg\n    alt: Depan   # keterangan\n---\n"
    )
