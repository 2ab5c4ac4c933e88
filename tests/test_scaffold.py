"""`lapak new`: a seller folder that builds with zero edits, never overwriting anything."""
from __future__ import annotations

from helpers import parse


def test_new_seller_builds_with_zero_edits_and_warns_about_the_example_number(tmp_path, run):
    code, out, _ = run(["new", "--market", "Pasar Kliwon", str(tmp_path)])
    assert code == 0 and (tmp_path / "lapak.yaml").is_file() and (tmp_path / ".github/workflows/lapak.yml").is_file()
    assert (tmp_path / ".gitignore").read_text() == "/output/\n/.lapak-cache/\n"
    code, out, _ = run(["new", "Batik Bu Sri", str(tmp_path)])
    assert code == 0
    folder = tmp_path / "sellers/batik-bu-sri"
    assert sorted(p.name for p in folder.iterdir()) == ["BACA-SAYA.txt", "photos", "products", "shop.yaml"]
    assert "# Nomor WhatsApp yang menerima pesanan" in (folder / "shop.yaml").read_text()
    for command in ("check", "build"):
        code, out, err = run([command, str(tmp_path)])
        assert code == 0
        lines = err.splitlines()
        # the untouched example product is published: said in check and in build, as the number is
        assert any(line.endswith("sellers/batik-bu-sri/shop.yaml:8: peringatan: nomor WhatsApp masih "
                                 "nomor contoh — ganti dengan nomor yang menerima pesanan") for line in lines), err
        assert any(line.endswith("sellers/batik-bu-sri/products/contoh-produk.md:6: peringatan: ini masih produk "
                                 "contoh dari lapak new dan ikut tampil di toko — ubah nama, harga, kategori dan "
                                 "ceritanya, atau hapus file ini") for line in lines), err
    page = parse(tmp_path / "output/batik-bu-sri/contoh-produk.html")
    assert "Pasar Kliwon" in "".join(page.text)


def test_new_refuses_to_overwrite_an_existing_shop(tmp_path, run):
    assert run(["new", "Dapur Bu Ning", str(tmp_path)])[0] == 0
    shop = tmp_path / "sellers/dapur-bu-ning/shop.yaml"
    shop.write_text("nama: Dapur Bu Ning\nwhatsapp: 0812 1111 2222\n")
    code, _, err = run(["new", "Dapur Bu Ning", str(tmp_path)])
    assert code == 1 and "sudah ada dan tidak akan ditimpa" in err
    assert shop.read_text() == "nama: Dapur Bu Ning\nwhatsapp: 0812 1111 2222\n"
    code, _, err = run(["new", "--market", "Lain", str(tmp_path)])
    assert code == 1 and "sudah ada" in err


def test_new_names_with_quotes_stay_valid_yaml(tmp_path, run):
    assert run(["new", 'Warung "Mbok" Darmi: Asli', str(tmp_path)])[0] == 0
    code, _, err = run(["check", str(tmp_path)])
    assert code == 0, err
    page_name = (tmp_path / "sellers/warung-mbok-darmi-asli/shop.yaml").read_text().splitlines()[3]
    assert page_name == 'nama: "Warung \\"Mbok\\" Darmi: Asli"'


def test_the_example_product_made_the_sellers_own_is_not_warned_about(tmp_path, run):
    assert run(["new", "Batik Bu Sri", str(tmp_path)])[0] == 0
    product = tmp_path / "sellers/batik-bu-sri/products/contoh-produk.md"
    product.write_text(product.read_text().replace("nama: Contoh Produk", "nama: Kain Indigo"))
    code, _, err = run(["check", str(tmp_path)])
    assert code == 0 and "produk contoh" not in err and "nomor contoh" in err
