"""End-to-end: build sample sites under tests/sites and check what a buyer and a seller get."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

from helpers import parse, snapshot, wa_links
from PIL import Image


def test_market_builds_every_page_with_relative_links_only(site_copy, run):
    root = site_copy("basic")
    code, out, err = run(["build", str(root)])
    assert code == 0, err
    built = root / "output"
    expected = {
        "index.html",
        "kota-semarang.html",
        "404.html",
        "toko-a/index.html",
        "toko-a/kain-indigo.html",
        "toko-a/selendang.html",
        "toko-a/masker-batik.html",
        "toko-a/batik-pesanan.html",
        "toko-a/kategori/kain.html",
        "toko-a/kategori/selendang.html",
        "toko-a/keranjang.html",
        "toko-b/index.html",
        "toko-b/keripik.html",
        "toko-b/keranjang.html",
        "toko-a/katalog.html",
        "toko-b/katalog.html",
        "qr.html",
        "kategori-kain.html",  # every shop's products of a category, across the market
        "kategori-selendang.html",
    }
    pages = {p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    assert pages == expected
    for rel in sorted(pages - {"404.html"}):
        page = parse(built / rel)
        for link in page.links():
            parts = urlsplit(link)
            if parts.scheme or link.startswith("#"):
                continue
            assert not link.startswith("/"), f"{rel}: root-relative link {link}"
            target = (built / rel).parent / parts.path
            assert target.resolve().is_file(), f"{rel}: broken link {link}"


def test_whatsapp_link_decodes_to_the_order_message(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    kain = parse(root / "output/toko-a/kain-indigo.html")
    assert wa_links(kain) == [
        (
            "6281234567890",
            "Halo Toko A, saya mau pesan:\nKain Indigo (2 meter)\nHarga: Rp350.000\n"
            "https://pasar.example.id/uji/toko-a/kain-indigo.html",
        )
    ]
    keripik = parse(root / "output/toko-b/keripik.html")
    assert wa_links(keripik) == [
        (
            "6281320001111",
            "Hello Shop B 🍪, I would like to order:\nKeripik Tempe ꦏꦽꦥꦶꦏ꧀\nPrice: IDR15,000\n"
            "https://pasar.example.id/uji/toko-b/keripik.html",
        )
    ]


def test_price_on_request_and_sold_out_are_shown_not_ordered_as_normal(site_copy, run):
    root = site_copy("basic")
    run(["build", str(root)])
    pesanan = (root / "output/toko-a/batik-pesanan.html").read_text()
    assert "Tanya harga" in pesanan
    assert wa_links(parse(root / "output/toko-a/batik-pesanan.html"))[0][1].endswith(
        "Batik Pesanan\nBoleh tahu harganya?\nhttps://pasar.example.id/uji/toko-a/batik-pesanan.html"
    )
    masker = (root / "output/toko-a/masker-batik.html").read_text()
    assert "Habis" in masker and "Pesan via WhatsApp" not in masker
    selendang = (root / "output/toko-a/selendang.html").read_text()
    assert '<s class="old">Rp1.750.000</s>' in selendang and "Rp1.500.000" in selendang


def test_a_broken_seller_is_skipped_with_exact_messages_and_others_are_built(site_copy, run):
    root = site_copy("invalid_mixed")
    code, out, err = run(["build"], cwd=root)
    assert code == 1
    assert err.splitlines() == [
        'sellers/baik/products/kopi.yaml:3: peringatan: foto "kopi-gayo.jpg" tidak ada di folder photos/; '
        "halaman tetap dibuat tanpa foto ini",
        'sellers/rusak/products/kain.md:3: harga "tiga ratus" bukan angka — tulis misalnya 300000 atau 300rb',
        'sellers/rusak/products/kain.md:4: peringatan: isian "hrga" tidak dikenal — maksudnya "harga"?',
        "sellers/rusak/products/selendang.yaml:1: ada titik dua (:) yang membingungkan di baris ini — kalau "
        'isinya memang memakai titik dua, apit dengan tanda kutip, misalnya: nama: "Kain: Indigo"',
        'sellers/rusak/shop.yaml:2: nomor WhatsApp "12345" terlalu pendek — tulis nomor lengkap, misalnya '
        "0812-3456-7890",
        "3 galat, 2 peringatan",
        "toko yang dilewati karena ada galat (hasil lamanya tidak diubah): rusak",
    ]
    assert (root / "output/baik/kopi.html").is_file()
    assert not (root / "output/rusak").exists()


def test_english_messages_with_flag_or_environment(site_copy, run):
    root = site_copy("invalid_mixed")
    _, _, err_flag = run(["build", "--lang", "en"], cwd=root)
    _, _, err_env = run(["build"], cwd=root, env={"LAPAK_LANG": "en"})
    line = 'sellers/rusak/products/kain.md:3: price "tiga ratus" is not a number — write e.g. 300000 or 300rb'
    assert line in err_flag.splitlines() and line in err_env.splitlines()


def test_a_seller_with_new_errors_keeps_its_last_good_output(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    before = snapshot(root / "output/toko-a")
    shop = root / "sellers/toko-a/shop.yaml"
    shop.write_text(shop.read_text().replace("0812-3456-7890", "nomor saya"))
    (root / "sellers/toko-b/products/keripik.md").write_text("---\nname: Keripik Baru\nprice: 16000\n---\n")
    code, _, err = run(["build", str(root)])
    assert code == 1 and 'nomor WhatsApp "nomor saya"' in err
    assert snapshot(root / "output/toko-a") == before
    assert "Keripik Baru" in (root / "output/toko-b/keripik.html").read_text()
    market_page = parse(root / "output/index.html")
    assert "toko-a/index.html" in market_page.links()  # a skipped shop stays listed: its pages still exist


def test_files_lapak_did_not_write_survive_and_stale_pages_go(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    (root / "output/CNAME").write_text("pasar.example.id")
    (root / "output/toko-a/google123.html").write_text("verification")
    (root / "sellers/toko-a/products/selendang.yaml").unlink()
    assert run(["build", str(root)])[0] == 0
    assert (root / "output/CNAME").read_text() == "pasar.example.id"
    assert (root / "output/toko-a/google123.html").read_text() == "verification"
    assert not (root / "output/toko-a/selendang.html").exists()
    import shutil

    shutil.rmtree(root / "sellers/toko-b")
    assert run(["build", str(root)])[0] == 0
    assert not (root / "output/toko-b").exists()
    assert (root / "output/CNAME").exists()


def test_a_shop_with_a_town_and_no_address_builds(scratch, run):
    root = scratch(
        {
            "sellers/b/shop.yaml": "nama: Toko B\nwhatsapp: 0812 3456 7891\nkota: Solo\n",
            "sellers/b/products/a.yaml": "nama: Kripik Singkong\nharga: 5rb\n",
        }
    )
    assert run(["build", str(root)])[0] == 0
    assert "<dd>Solo</dd>" in (root / "output/b/index.html").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(site_copy, run, tmp_path):
    root = site_copy("basic")
    assert run(["build", str(root), "--out", str(tmp_path / "one")])[0] == 0
    assert run(["build", str(root), "--out", str(tmp_path / "two")])[0] == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_check_reports_problems_and_writes_nothing_but_what_it_found(site_copy, run):
    root = site_copy("invalid_mixed")
    before = sorted(p.as_posix() for p in root.rglob("*"))
    code, out, err = run(["check", str(root)])
    assert code == 1 and 'harga "tiga ratus"' in err
    # Only the cache folder: what it found of each seller, for the next check (see Recalled).
    assert sorted(p.as_posix() for p in root.rglob("*") if ".lapak-cache" not in p.parts) == before
    ok = site_copy("single_shop")
    assert run(["check", str(ok)])[0] == 0
    assert run(["check", "--strict", str(root / "sellers/baik")])[0] == 1  # a warning fails --strict


def test_single_shop_folder_is_the_whole_site(site_copy, run, tmp_path):
    root = site_copy("single_shop")
    code, _, err = run(["build", str(root), "--out", str(tmp_path / "site")])
    assert code == 0, err
    assert {p.name for p in (tmp_path / "site").glob("*.html")} == {
        "index.html",
        "sambal.html",
        "404.html",
        "keranjang.html",
        "katalog.html",
    }
    assert (tmp_path / "site/assets/cart.js").is_file()  # the cart's script lives in the shop's own output
    number, message = wa_links(parse(tmp_path / "site/sambal.html"))[0]
    assert number == "6285712345678" and message.startswith("Halo Dapur Satu, saya mau pesan:\nSambal Bawang")


def test_unsafe_output_folders_are_refused(site_copy, run):
    root = site_copy("basic")
    for out in [str(root), str(root / "sellers/toko-a/out"), "/", str(root.parent)]:
        code, _, err = run(["build", str(root), "--out", out])
        assert code == 1 and "tidak aman" in err, out
    assert (root / "sellers/toko-a/shop.yaml").is_file()


def test_published_photos_are_upright_and_carry_no_metadata(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    (photo,) = [p for p in (root / "output/toko-a/foto").glob("kain-indigo-*.jpg") if not p.name.endswith("-og.jpg")]
    data = photo.read_bytes()
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (60, 80)  # 80×60 source with Orientation 6 → portrait
        assert not im.getexif() and "exif" not in im.info and "icc_profile" not in im.info
        assert im.getpixel((55, 5))[2] > 120  # the blue corner ends up top-right
    assert b"Exif" not in data and b"TestPhone" not in data
    page = parse(root / "output/toko-a/kain-indigo.html")
    (img,) = page.find("img", width="60")
    assert img["height"] == "80" and img["alt"] == "Kain Indigo" and img["fetchpriority"] == "high"


def test_no_executable_content_from_seller_text(scratch, run):
    root = scratch(
        {
            "sellers/x/shop.yaml": 'nama: "<script>alert(1)</script>"\nwhatsapp: 0812 3456 7890\n'
            'tentang: "<img src=x onerror=alert(1)> [klik](javascript:alert(1))"\n',
            "sellers/x/products/a.md": '---\nnama: "</script><script>alert(1)</script>"\nharga: 1000\n'
            'kategori: "<b onmouseover=x>K</b>"\n---\n<iframe src="https://evil"></iframe>\n'
            '<a href="JaVaScRiPt:alert(1)">x</a> <svg onload=alert(1)></svg>\n',
        }
    )
    code, _, err = run(["build", str(root)])
    assert code == 0, err
    for page_path in (root / "output").rglob("*.html"):
        page = parse(page_path)
        for tag, attrs in page.tags:
            assert tag not in ("iframe", "svg") or tag == "svg" and "onload" not in attrs
            assert not any(k.startswith("on") for k in attrs), (page_path, tag, attrs)
            for key in ("href", "src"):
                assert not (attrs.get(key) or "").lower().replace(" ", "").startswith(("javascript:", "data:text")), (
                    attrs
                )
        for attrs, body in page.scripts:  # data only: no seller text can close the block
            assert attrs.get("type") in ("application/ld+json", "application/json")
            assert json.loads(body)
        for attrs in page.find("script"):
            assert "src" not in attrs or attrs["src"].endswith(("assets/cart.js", "assets/search.js"))
    assert "bagian teks yang tidak aman dibuang" in err


def test_python_dash_m_and_usage_errors():
    env = {**os.environ, "LAPAK_LANG": "id"}
    done = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout.startswith("lapak ")
    bad = subprocess.run([sys.executable, "-m", "generator", "bangun"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2
    missing = subprocess.run(
        [sys.executable, "-m", "generator", "build", "/nonexistent/folder"], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_path_argument_display_is_relative_to_the_working_folder(site_copy, run):
    root = site_copy("invalid_mixed")
    _, _, err = run(["check", "invalid_mixed"], cwd=root.parent)
    assert err.splitlines()[2].startswith("invalid_mixed/sellers/rusak/products/kain.md:3: ")
    assert err.splitlines()[0].startswith("invalid_mixed/lapak.yaml: catatan: site_url belum diisi")


def test_only_rebuilds_one_seller_and_keeps_the_market_page_whole(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    before_b = snapshot(root / "output/toko-b")
    (root / "sellers/toko-a/products/selendang.yaml").write_text("name: Selendang Baru\nprice: 99rb\n")
    (root / "sellers/toko-b/products/keripik.md").write_text("---\nname: Keripik Lain\nprice: 1\n---\n")
    code, out, err = run(["build", str(root), "--only", "toko-a"])
    assert code == 0, err
    assert "Selendang Baru" in (root / "output/toko-a/selendang.html").read_text()
    assert snapshot(root / "output/toko-b") == before_b
    links = parse(root / "output/index.html").links()
    assert "toko-a/index.html" in links and "toko-b/index.html" in links
    code, _, err = run(["build", str(root), "--only", "toko-z"])
    assert code == 1 and 'tidak ada toko dengan nama folder "toko-z"' in err


def test_internal_errors_are_one_plain_line_and_debug_shows_the_traceback(site_copy, run, monkeypatch):
    import pytest

    import generator.cli

    root = site_copy("basic")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(generator.cli, "build", broken)
    code, out, err = run(["build", str(root)])
    assert code == 1 and "Traceback" not in err
    assert err.strip() == (
        "Lapak mengalami kesalahan di dalam dirinya sendiri (RuntimeError: disk on fire) — "
        "jalankan lagi dengan --debug dan kirimkan hasilnya ke pengembang"
    )
    with pytest.raises(RuntimeError, match="disk on fire"):
        run(["build", str(root), "--debug"])


def test_global_flags_work_before_or_after_the_command(site_copy, run):
    root = site_copy("invalid_mixed")
    line = 'sellers/rusak/products/kain.md:3: price "tiga ratus" is not a number — write e.g. 300000 or 300rb'
    for args in (["--lang", "en", "check"], ["check", "--lang", "en"], ["--lang=en", "check"]):
        _, _, err = run(args, cwd=root)
        assert line in err.splitlines(), args


def test_usage_errors_are_translated_and_a_mistyped_command_gets_a_hint(tmp_path, run):
    code, out, err = run(["bulid"], cwd=tmp_path)
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == 'lapak: perintah "bulid" tidak dikenal — maksud Anda: build?'
    assert err.startswith("penggunaan: lapak")
    code, _, err = run(["--lang", "en", "chek"], cwd=tmp_path)
    assert code == 2 and err.splitlines()[-1] == 'lapak: unknown command "chek" — did you mean check?'
    code, _, err = run(["new"], cwd=tmp_path)
    assert code == 2 and err.splitlines()[-1] == "lapak new: galat: argumen ini wajib diisi: name"
    code, _, err = run(["build", "--bogus"], cwd=tmp_path, env={"LAPAK_LANG": "en"})
    assert code == 2 and "unrecognized arguments: --bogus" in err and err.startswith("usage: ")
    code, _, err = run(["build", "--jobs", "dua"], cwd=tmp_path)
    assert code == 2 and "argumen --jobs: isian 'dua' tidak sah" in err
    code, _, err = run(["check", "--lang", "fr"], cwd=tmp_path)
    assert code == 2 and "pilihan 'fr' tidak dikenal (pilih salah satu: 'id', 'en')" in err


def test_a_folder_without_a_market_is_an_error_and_nothing_is_written(tmp_path, run):
    (tmp_path / "catatan.txt").write_text("bukan pasar")
    code, out, err = run(["build"], cwd=tmp_path)
    assert code == 1 and out == ""
    assert err.strip() == (
        f"tidak ada pasar atau toko di {tmp_path} — Lapak mencari folder sellers/ (satu folder per toko) atau "
        "shop.yaml di folder itu; jalankan perintah di folder pasar, atau buat pasar dengan: "
        'lapak new --market "Nama Pasar" FOLDER'
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catatan.txt"]
    code, out, _ = run(["check", str(tmp_path)])
    assert code == 1 and "0 toko" not in out


def test_only_with_a_wrong_name_is_an_error_with_the_nearest_seller(site_copy, run):
    root = site_copy("basic")
    code, out, err = run(["build", str(root), "--only", "toko-aa"])
    assert code == 1 and out == "" and not (root / "output").exists()
    assert (
        err.strip()
        == 'tidak ada toko dengan nama folder "toko-aa" — maksud Anda "toko-a"? (semua toko: toko-a, toko-b)'
    )
    code, _, err = run(["build", str(root), "--only", "sembako", "--lang", "en"])
    assert code == 1 and err.strip() == 'there is no shop folder "sembako" — pick one of: toko-a, toko-b'


def test_the_output_holds_no_shop_card_and_a_skipped_shop_stays_on_the_market_page(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    hidden = sorted(p.relative_to(root / "output").as_posix() for p in (root / "output").rglob(".*"))
    assert hidden == [".lapak-files.json", ".lapak-lock", "toko-a/.lapak-files.json", "toko-b/.lapak-files.json"]
    assert not list((root / "output").rglob(".lapak-shop.json"))
    (root / "sellers/toko-b/products/keripik.md").write_text("---\nname: Keripik\nprice: mahal sekali\n---\n")
    code, _, err = run(["build", str(root)])
    assert code == 1 and "toko-b" in err
    market = (root / "output/index.html").read_text()
    assert "toko-b/index.html" in market and "Shop B" in market


def test_a_shop_card_left_in_the_output_by_an_older_build_is_moved_to_the_cache(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    cards = list((root / ".lapak-cache").rglob("toko-b.card"))
    assert len(cards) == 1
    old = root / "output/toko-b/.lapak-shop.json"
    cards[0].rename(old)  # where an older Lapak kept it
    (root / "sellers/toko-b/products/keripik.md").write_text("---\nname: Keripik\nprice: mahal sekali\n---\n")
    assert run(["build", str(root)])[0] == 1  # toko-b is skipped: its card comes from the old file
    assert "toko-b/index.html" in (root / "output/index.html").read_text()
    assert not old.exists() and cards[0].is_file()
    assert run(["build", str(root)])[0] == 1
    assert "toko-b/index.html" in (root / "output/index.html").read_text()


def test_timings_name_each_step_of_the_build_only_when_asked(site_copy, run):
    root = site_copy("basic")
    code, out, err = run(["--lang", "en", "build", str(root), "--timings"])
    assert code == 0, err
    (line,) = [text for text in err.splitlines() if text.startswith("time per step: ")]
    steps = [part.rsplit(" ", 2) for part in line.removeprefix("time per step: ").split("; ")]
    assert [name for name, _, _ in steps] == [
        "reading the market",
        "reading the shops",
        "photos",
        "building the shops",
        "market pages and search",
    ]
    assert all(unit == "s" and float(seconds) >= 0 for _, seconds, unit in steps)
    code, out, err = run(["build", str(root)])
    assert code == 0 and "waktu tiap langkah" not in err and "time per step" not in err
