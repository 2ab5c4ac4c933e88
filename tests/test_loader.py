"""The loader: three product forms, both key languages, photos by prefix, every problem found."""

from __future__ import annotations

from generator.load.loader import load_project
from generator.load.values import ASK  # noqa: F401  (documents that "tanya" is the ask marker)

SHOP = "nama: Toko Uji\nwhatsapp: 0812-3456-7890\n"


def load(root):
    market, problems = load_project(root)
    return market, [p.format("id") for p in sorted(problems, key=lambda p: p.sort_key())]


def test_three_product_forms_and_both_key_languages(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/kain.md": """
            ---
            nama: Kain Indigo
            harga: Rp 350.000
            ---
            Kain **biru**.
            """,
            "sellers/toko/products/selendang.yaml": "name: Selendang\nprice: 150rb\n",
            "sellers/toko/products/daftar.yaml": "- nama: Masker\n  harga: 25rb\n- name: Tas\n  price: 1,5jt\n",
        }
    )
    market, problems = load(root)
    assert problems == []
    (shop,) = market.shops
    assert shop.whatsapp == "6281234567890"
    by_slug = {p.slug: p for p in shop.products}
    assert set(by_slug) == {"kain", "selendang", "masker", "tas"}
    assert by_slug["kain"].price == 350000 and "<strong>biru</strong>" in by_slug["kain"].description_html
    assert by_slug["selendang"].price == 150000
    assert by_slug["tas"].price == 1500000
    assert all(isinstance(p.price, int) for p in shop.products)


def test_price_on_request_variants_and_stock(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/pesanan.yaml": "nama: Batik Pesanan\nharga: tanya\n",
            "sellers/toko/products/keripik.md": """
            ---
            nama: Keripik
            varian:
              - 100 gram: 15rb
              - nama: 250 gram
                harga: 35.000
                stok: habis
            stok: 5 pcs
            unggulan: ya
            ---
            """,
        }
    )
    market, problems = load(root)
    assert problems == []
    products = {p.slug: p for p in market.shops[0].products}
    assert products["pesanan"].price is None and products["pesanan"].price_on_request
    keripik = products["keripik"]
    assert [(v.name, v.price, v.sold_out) for v in keripik.variants] == [
        ("100 gram", 15000, False),
        ("250 gram", 35000, True),
    ]
    assert keripik.stock == 5 and keripik.featured and not keripik.sold_out


def test_photos_by_prefix_prefer_the_longest_product_name(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/kain.yaml": "nama: Kain\nharga: 1\n",
            "sellers/toko/products/kain-indigo.yaml": "nama: Kain Indigo\nharga: 1\n",
            "sellers/toko/photos/kain.jpg": b"x",
            "sellers/toko/photos/kain-2.jpg": b"x",
            "sellers/toko/photos/kain-10.jpg": b"x",
            "sellers/toko/photos/kain-indigo.jpg": b"x",
            "sellers/toko/photos/kain-indigo-2.jpg": b"x",
            "sellers/toko/photos/kainan.jpg": b"x",
        }
    )
    market, problems = load(root)
    products = {p.slug: [ph.path for ph in p.photos] for p in market.shops[0].products}
    assert products["kain"] == ["photos/kain.jpg", "photos/kain-2.jpg", "photos/kain-10.jpg"]
    assert products["kain-indigo"] == ["photos/kain-indigo.jpg", "photos/kain-indigo-2.jpg"]


def test_listed_photos_forgive_case_and_extension_and_hint_near_names(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/kain.yaml": (
                "nama: Kain\nharga: 1\nfoto:\n  - IMG_0001.jpg\n  - img_0002\n  - kain-indgo.jpg\n"
            ),
            "sellers/toko/photos/img_0001.JPG": b"x",
            "sellers/toko/photos/IMG_0002.jpeg": b"x",
            "sellers/toko/photos/kain-indigo.jpg": b"x",
        }
    )
    market, problems = load(root)
    (product,) = market.shops[0].products
    assert [p.path for p in product.photos] == ["photos/img_0001.JPG", "photos/IMG_0002.jpeg"]
    assert problems == [
        'sellers/toko/products/kain.yaml:6: peringatan: foto "kain-indgo.jpg" tidak ada di '
        'folder photos/ — maksudnya "kain-indigo.jpg"? Halaman tetap dibuat tanpa foto ini'
    ]


def test_photo_paths_outside_the_seller_folder_are_errors(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/kain.yaml": "nama: Kain\nharga: 1\nfoto:\n  - ../../lapak.yaml\n  - /etc/passwd\n",
        }
    )
    market, problems = load(root)
    assert market.shops == ()
    assert problems == [
        'sellers/toko/products/kain.yaml:4: foto "../../lapak.yaml" berada di luar folder toko — simpan fotonya '
        "di folder photos/ dan tulis namanya saja",
        'sellers/toko/products/kain.yaml:5: foto "/etc/passwd" berada di luar folder toko — simpan fotonya '
        "di folder photos/ dan tulis namanya saja",
    ]


def test_symlinked_photo_pointing_outside_is_refused(scratch, tmp_path):
    root = scratch(
        {
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/kain.yaml": "nama: Kain\nharga: 1\nfoto: rahasia.jpg\n",
            "secret.jpg": b"x",
        }
    )
    (root / "sellers/toko/photos").mkdir()
    (root / "sellers/toko/photos/rahasia.jpg").symlink_to(root / "secret.jpg")
    market, problems = load(root)
    assert market.shops == ()
    assert any("berada di luar folder toko" in p for p in problems)
    assert any("tautan (symlink)" in p for p in problems)


def test_bom_crlf_tabs_and_latin1_files_load(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": "\ufeffnama: Toko\r\nwhatsapp:\t0812 3456 7890\r\n".encode("utf-8"),
            "sellers/toko/products/kopi.yaml": (
                "nama: Café Tubruk “asli”\nharga: 20rb\nvarian:\n\t- Kecil\n\t- Besar\n"
            ).encode("cp1252"),
        }
    )
    market, problems = load(root)
    assert problems == []
    (product,) = market.shops[0].products
    assert product.name == "Café Tubruk “asli”"
    assert [v.name for v in product.variants] == ["Kecil", "Besar"]


def test_all_problems_of_all_sellers_are_reported_with_lines(scratch):
    root = scratch(
        {
            "sellers/a/shop.yaml": "nama: A\nwhatsapp: 12\n",
            "sellers/a/products/x.md": "---\nnama: X\nharga: tiga ratus\nhrga: 5\n---\n",
            "sellers/b/shop.yaml": "whatsapp: 0812 1111 2222\n",
            "sellers/c/shop.yaml": SHOP,
            "sellers/c/products/y.yaml": "nama: Y\nharga: 1000\n",
        }
    )
    market, problems = load(root)
    assert [s.slug for s in market.shops] == ["c"]
    assert problems == [
        'sellers/a/products/x.md:3: harga "tiga ratus" bukan angka — tulis misalnya 300000 atau 300rb',
        'sellers/a/products/x.md:4: peringatan: isian "hrga" tidak dikenal — maksudnya "harga"?',
        'sellers/a/shop.yaml:2: nomor WhatsApp "12" terlalu pendek — tulis nomor lengkap, misalnya 0812-3456-7890',
        "sellers/b/products: peringatan: belum ada folder products/ — "
        "buat folder products/ dan isi satu file per produk",
        'sellers/b/shop.yaml:1: isian "nama" wajib diisi — tambahkan baris misalnya: nama: …',
    ]
    assert market.seller_slugs == ("a", "b", "c")


def test_two_products_with_one_slug_is_an_error_naming_both(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/kain.yaml": "nama: Kain\nharga: 1\n",
            "sellers/toko/products/daftar.yaml": (
                "- nama: Lain\n  harga: 2\n- nama: Kain Dua\n  slug: kain\n  harga: 3\n"
            ),
        }
    )
    market, problems = load(root)
    assert market.shops == ()
    assert problems == [
        'sellers/toko/products/kain.yaml:1: produk ini punya alamat halaman "kain" yang sama '
        "dengan produk di sellers/toko/products/daftar.yaml:3 — ganti nama file atau isi slug"
    ]


def test_single_shop_folder(scratch):
    root = scratch({"shop.yaml": SHOP, "products/a.yaml": "nama: A\nharga: 5rb\n"})
    market, problems = load(root)
    assert problems == [] and market.single_shop
    assert market.shops[0].products[0].price == 5000


def test_market_settings_and_english_messages(scratch):
    root = scratch(
        {
            "lapak.yaml": "nama: Pasar Kita\nsite_url: pasar.example.id/\nbahasa: english\n",
            "sellers/toko/shop.yaml": SHOP + "zzz: 5\n",
            "sellers/toko/products/a.yaml": "nama: A\nharga: 1\n",
        }
    )
    market, problems = load_project(root)
    assert market.name == "Pasar Kita" and market.site_url == "https://pasar.example.id"
    assert market.language == "en" and market.shops[0].site_url == "https://pasar.example.id/toko"
    assert [p.format("en") for p in problems] == [
        'sellers/toko/shop.yaml:3: warning: unknown field "zzz" is ignored — known fields: about, address, '
        "city, colors, currency, delivery, hours, instagram, language, logo, maps, name, order_message, "
        "payment, site_url, tagline, theme, whatsapp"
    ]


def test_a_broken_shop_yaml_does_not_hide_the_product_problems(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": "nama Toko Ani\nwhatsapp: 0812 3456 7890\n",
            "sellers/toko/products/kain.yaml": "nama: Kain\nharga: tiga ratus\n",
        }
    )
    market, problems = load(root)
    assert market.shops == ()
    assert problems == [
        'sellers/toko/products/kain.yaml:2: harga "tiga ratus" bukan angka — tulis misalnya 300000 atau 300rb',
        "sellers/toko/shop.yaml:1: baris ini tidak punya titik dua (:) antara nama isian dan isinya — "
        "tulis misalnya: harga: 350000",
    ]


def test_a_hidden_product_is_read_but_not_published(scratch):
    root = scratch(
        {
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/kain.md": "---\nnama: Kain\nharga: 1\nsembunyikan: ya\n---\n",
            "sellers/toko/products/daftar.yaml": (
                "- nama: Masker\n  harga: 2\n  draft: true\n"
                "- nama: Tas\n  harga: 3\n  hidden: no\n"
                "- nama: Topi\n  harga: 4\n  disembunyikan: mungkin\n"
            ),
        }
    )
    market, problems = load(root)
    (shop,) = market.shops
    assert [p.slug for p in shop.products] == ["tas", "topi"]  # a value that means nothing: not hidden
    assert len(problems) == 1 and "mungkin" in problems[0] and "daftar.yaml:9" in problems[0]


def test_a_name_tagline_or_category_pasted_far_too_long_is_warned_about_and_kept_whole(scratch):
    """A story pasted as a shop's name or tagline, or as a product's name or category, is said
    (it crowds every page that shows it) and built as written."""
    long_name, tagline, category = "Toko Oleh-oleh " * 10, "Kami " * 40, "Camilan Kering " * 5
    root = scratch(
        {
            "sellers/a/shop.yaml": f"nama: {long_name.strip()}\nwhatsapp: 0812-3456-7890\nslogan: {tagline.strip()}\n",
            "sellers/a/products/x.md": f"---\nnama: Keripik\nharga: 10rb\nkategori: {category.strip()}\n---\n",
            "sellers/a/products/y.md": f"---\nnama: {'Keripik Pedas ' * 10}\nharga: 10rb\n---\n",
            "sellers/b/shop.yaml": "nama: " + "B" * 120 + "\nwhatsapp: 0812-3456-7890\nslogan: " + "s" * 160 + "\n",
            "sellers/b/products/z.md": "---\nnama: " + "Z" * 120 + "\nharga: 1000\nkategori: " + "k" * 60 + "\n---\n",
        }
    )
    market, problems = load(root)
    tail = "— memenuhi halaman dan terpotong di pratinjau WhatsApp; persingkat sampai"
    assert problems == [
        f'sellers/a/products/x.md:4: peringatan: isian "kategori" panjang sekali (74 huruf) {tail} 60 huruf',
        f'sellers/a/products/y.md:2: peringatan: isian "nama" panjang sekali (139 huruf) {tail} 120 huruf',
        f'sellers/a/shop.yaml:1: peringatan: isian "nama" panjang sekali (149 huruf) {tail} 120 huruf',
        f'sellers/a/shop.yaml:3: peringatan: isian "slogan" panjang sekali (199 huruf) {tail} 160 huruf',
    ]  # b's, at the limits, say nothing
    shop = next(s for s in market.shops if s.slug == "a")
    assert (shop.name, shop.tagline) == (long_name.strip(), tagline.strip())
    assert {p.category for p in shop.products} == {category.strip(), None}
