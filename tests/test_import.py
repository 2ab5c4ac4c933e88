"""`lapak import`: seller folders from a sign-up form's answers, idempotent, never over a seller's edit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.load.loader import load_project
from generator.signup import STATE_FILE, guess_field

FORMS = Path(__file__).resolve().parent / "forms"
FIRST = FORMS / "pendaftaran.csv"  # 3 good rows, a row without a shop name, a row with an unreadable number
MORE = FORMS / "pendaftaran-2.csv"  # the same answers and two more


@pytest.fixture
def market(tmp_path):
    assert main(["new", "Pasar Sleman", str(tmp_path / "pasar"), "--market"]) == 0
    return tmp_path / "pasar"


def _files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((root / "sellers").rglob("*"))
        if p.is_file()
    }


def test_import_creates_the_folders_and_the_market_builds(market, capsys, tmp_path):
    assert main(["import", str(FIRST), "--market", str(market)]) == 1  # two rows had problems
    out, err = capsys.readouterr()
    assert sorted(p.name for p in (market / "sellers").iterdir()) == ["batik-bu-sri", "keripik-rina", "kopi-pak-budi"]
    assert "kolom C (Nama Toko) dipakai untuk nama toko" in out
    assert "kolom D (No. WA) dipakai untuk nomor WhatsApp" in out
    assert "kolom A (Stempel waktu) tidak dipakai" in out
    assert "batik-bu-sri: toko baru dibuat" in out
    assert "pendaftaran.csv:4: nama toko kosong" in err
    assert "pendaftaran.csv:5: " in err and "12345" in err
    shop = market / "sellers" / "batik-bu-sri"
    assert {"shop.yaml", "BACA-SAYA.txt"} <= {p.name for p in shop.iterdir()}
    assert (shop / "photos").is_dir() and (shop / "products" / "contoh-produk.md").is_file()
    loaded, problems = load_project(market)
    assert [p.format("en") for p in problems if p.is_error] == []
    shops = {s.slug: s for s in loaded.shops}
    assert shops["batik-bu-sri"].name == "Batik Bu Sri"
    assert shops["batik-bu-sri"].whatsapp == "6281234567890"
    assert shops["batik-bu-sri"].city == "Kab. Sleman"
    assert "Kain batik, selendang" in shops["batik-bu-sri"].about_text
    assert shops["kopi-pak-budi"].whatsapp == "628561234567"  # Excel's lost leading 0
    assert shops["keripik-rina"].whatsapp == "6281298765432"  # Excel's apostrophe
    assert main(["build", str(market), "--out", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "batik-bu-sri" / "index.html").is_file()


def test_bad_rows_in_english_and_good_rows_still_imported(market, capsys):
    assert main(["import", str(FIRST), "--market", str(market), "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert "pendaftaran.csv:4: the shop name is empty" in err
    assert "pendaftaran.csv:5: " in err and "this row is skipped" in err
    assert "column C (Nama Toko) used for shop name" in out
    assert "3 shops created, 0 updated, 0 left alone, 2 rows with problems" in out


def test_second_import_adds_exactly_two_and_changes_nothing_else(market, capsys):
    main(["import", str(FIRST), "--market", str(market)])
    before = _files(market)
    capsys.readouterr()
    main(["import", str(MORE), "--market", str(market)])
    out, _ = capsys.readouterr()
    after = _files(market)
    assert {k: v for k, v in after.items() if k in before} == before
    new = {k.split("/")[1] for k in after if k not in before}
    # a second "Batik Bu Sri" with another number is another seller: a slug of its own
    assert new == {"gerabah-kasongan", "batik-bu-sri-2"}
    assert "batik-bu-sri: dibiarkan, tidak ada yang berubah" in out
    state = json.loads((market / STATE_FILE).read_text(encoding="utf-8"))
    slugs = {"batik-bu-sri", "batik-bu-sri-2", "kopi-pak-budi", "keripik-rina", "gerabah-kasongan"}
    assert set(state["sellers"]) == slugs
    # and a third run changes nothing at all
    capsys.readouterr()
    main(["import", str(MORE), "--market", str(market)])
    assert _files(market) == after


def test_a_sellers_edit_is_left_alone_and_said(market, capsys, tmp_path):
    main(["import", str(FIRST), "--market", str(market)])
    shop_yaml = market / "sellers" / "batik-bu-sri" / "shop.yaml"
    edited = shop_yaml.read_text(encoding="utf-8").replace("Batik tulis asli", "Batik tulis sejak 1970")
    shop_yaml.write_text(edited, encoding="utf-8")
    (market / "sellers" / "kopi-pak-budi" / "products" / "contoh-produk.md").unlink()
    changed = tmp_path / "changed.csv"
    changed.write_text(
        FIRST.read_text(encoding="utf-8").replace("Kab. Sleman", "Sleman").replace("Temanggung", "Wonosobo"),
        encoding="utf-8",
    )
    capsys.readouterr()
    main(["import", str(changed), "--market", str(market)])
    out, _ = capsys.readouterr()
    assert shop_yaml.read_text(encoding="utf-8") == edited
    assert "batik-bu-sri: batik-bu-sri/shop.yaml dibiarkan — penjual sudah mengubahnya" in out
    # a file still as the import wrote it follows the form
    kopi = (market / "sellers" / "kopi-pak-budi" / "shop.yaml").read_text(encoding="utf-8")
    assert 'kota: "Wonosobo"' in kopi
    assert "kopi-pak-budi: diperbarui" in out and "shop.yaml" in out
    # the deleted sample product is not written again (nor told: the form says nothing new for it)
    assert not (market / "sellers" / "kopi-pak-budi" / "products" / "contoh-produk.md").exists()
    assert "contoh-produk.md" not in out
    # the next run, with the same answers: the seller's edit is not told again
    capsys.readouterr()
    assert main(["import", str(changed), "--market", str(market)]) == 1
    out, _ = capsys.readouterr()
    assert "batik-bu-sri: dibiarkan, tidak ada yang berubah" in out
    assert shop_yaml.read_text(encoding="utf-8") == edited


def test_mapping_file_overrides_the_guess(market, capsys, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Timestamp", "Nama UMKM", "Nama", "Kontak", "Domisili"])
    sheet.append(["2025-08-01", "Tenun Ikat Sumba", "Maria", 81234567890, "Waingapu"])  # a phone as a number
    form = tmp_path / "form.xlsx"
    book.save(form)
    # without a mapping: "Nama UMKM" is the shop, "Kontak" is not guessed
    assert main(["import", str(form), "--market", str(market), "--lang", "en"]) == 0
    out, _ = capsys.readouterr()
    assert "column B (Nama UMKM) used for shop name" in out
    assert "column D (Kontak) not used" in out
    mapping = tmp_path / "map.yaml"
    mapping.write_text('"Kontak": whatsapp\n"Nama UMKM": ignore\n"nama": nama_toko\n', encoding="utf-8")
    other = tmp_path / "other"
    main(["new", "Pasar", str(other), "--market"])
    assert main(["import", str(form), "--market", str(other), "--map", str(mapping), "--lang", "en"]) == 0
    out, _ = capsys.readouterr()
    assert "column D (Kontak) used for WhatsApp number" in out
    assert "column C (Nama) used for shop name" in out
    loaded, _ = load_project(other)
    (shop,) = loaded.shops
    assert (shop.slug, shop.whatsapp) == ("maria", "6281234567890")


def test_usage_errors_exit_2(market, tmp_path, capsys):
    assert main(["import", str(tmp_path / "nothing.csv"), "--market", str(market)]) == 2
    odt = tmp_path / "form.txt"
    odt.write_text("x", encoding="utf-8")
    assert main(["import", str(odt), "--market", str(market)]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("Kontak: telepati\n", encoding="utf-8")
    assert main(["import", str(FIRST), "--market", str(market), "--map", str(bad)]) == 2
    shop = market / "sellers" / "toko"
    shop.mkdir(parents=True)
    (shop / "shop.yaml").write_text("nama: Toko\n", encoding="utf-8")
    assert main(["import", str(FIRST), "--market", str(shop)]) == 2
    assert "folder satu toko" in capsys.readouterr().err
    no_shop = tmp_path / "no-shop.csv"
    no_shop.write_text("Timestamp,Email\n1,a@b.c\n", encoding="utf-8")
    assert main(["import", str(no_shop), "--market", str(market), "--lang", "en"]) == 2
    assert "no shop-name column" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Nama Toko", "name"),
        ("Nama usaha", "name"),
        ("Shop name", "name"),
        ("No. WA", "whatsapp"),
        ("Nomor WhatsApp", "whatsapp"),
        ("Kota/Kabupaten", "city"),
        ("Alamat toko", "address"),
        ("Nama lengkap", "owner"),
        ("Your name", "owner"),
        ("Deskripsi usaha", "about"),
        ("Produk yang dijual", "products"),
        ("Akun Instagram", "instagram"),
        ("Stempel waktu", "ignore"),
    ],
)
def test_headings_guessed(heading, field):
    assert guess_field(heading) == field


def test_new_seller_files_unchanged_by_the_shared_template(tmp_path):
    shutil.rmtree(tmp_path, ignore_errors=True)
    assert main(["new", "Batik Bu Sri", str(tmp_path)]) == 0
    text = (tmp_path / "sellers" / "batik-bu-sri" / "shop.yaml").read_text(encoding="utf-8")
    assert "slogan: Buatan tangan, langsung dari pembuatnya\n" in text
    assert "kota:\nalamat:\n" in text and "instagram:\n" in text
