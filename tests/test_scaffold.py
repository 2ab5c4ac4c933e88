"""`lapak new`: a seller folder that builds with zero edits, never overwriting anything."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from helpers import parse

import generator


def test_new_seller_builds_with_zero_edits_and_warns_about_the_example_number(tmp_path, run):
    code, out, _ = run(["new", "--market", "Pasar Kliwon", str(tmp_path)])
    assert code == 0 and (tmp_path / "lapak.yaml").is_file() and (tmp_path / ".github/workflows/lapak.yml").is_file()
    assert (tmp_path / ".gitignore").read_text() == "/output/\n/output.zip\n/.lapak-cache/\n/edit-cards.html\n"
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
        assert any(
            line.endswith(
                "sellers/batik-bu-sri/shop.yaml:8: peringatan: nomor WhatsApp masih "
                "nomor contoh — ganti dengan nomor yang menerima pesanan"
            )
            for line in lines
        ), err
        assert any(
            line.endswith(
                "sellers/batik-bu-sri/products/contoh-produk.md:6: peringatan: ini masih produk "
                "contoh dari lapak new dan ikut tampil di toko — ubah nama, harga, kategori dan "
                "ceritanya, atau hapus file ini"
            )
            for line in lines
        ), err
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


def test_the_market_workflow_installs_this_lapak_and_deploys_to_pages_with_nothing_to_set(tmp_path, run):
    assert run(["new", "--market", "Pasar Kliwon", str(tmp_path)])[0] == 0
    path = tmp_path / ".github/workflows/lapak.yml"
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = path.read_text()
    assert "vars." not in text and "secrets." not in text and "LAPAK_PIP" not in text
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
    source = project["urls"]["Source"]
    flow = yaml.safe_load(text)
    build, deploy = flow["jobs"]["build"]["steps"], flow["jobs"]["deploy"]
    python = next(s for s in build if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == ".github/workflows/lapak.yml"
    runs = [s["run"] for s in build if "run" in s]
    assert runs == [f'pip install "lapak @ git+{source}@v{generator.__version__}"', "lapak build"]
    assert any(
        s.get("uses", "").startswith("actions/upload-pages-artifact@") and s["with"]["path"] == "output" for s in build
    )
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    on = flow[True]  # YAML 1.1 reads the key `on` as true
    assert flow["permissions"] == {"contents": "read"} and on["push"]["branches"] == ["main"]


def test_market_gitignore_leaves_out_the_zip(tmp_path, run):
    assert run(["new", "--market", "Pasar", str(tmp_path)])[0] == 0
    assert "/output.zip\n" in (tmp_path / ".gitignore").read_text()


def test_a_name_that_looks_like_a_folder_is_questioned(tmp_path, run):
    (tmp_path / "pasar").mkdir()
    for name in [str(tmp_path / "baru"), "./pasar-baru", "~/pasar", "pasar\\baru", "pasar"]:
        code, out, err = run(["new", "--market", name], cwd=tmp_path)
        assert code == 2 and out == "", name
        assert err.strip() == (
            f'"{name}" terlihat seperti folder, bukan nama pasar — tulis namanya dulu, lalu '
            'foldernya: lapak new --market "Nama Pasar" FOLDER'
        )
    code, _, err = run(["new", "sellers/toko"], cwd=tmp_path, env={"LAPAK_LANG": "en"})
    assert code == 2 and 'lapak new "Shop Name" FOLDER' in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pasar"]


def test_new_shop_says_the_exact_command_to_build_it(tmp_path, run):
    market = tmp_path / "pasar kita"
    assert run(["new", "--market", "Pasar", "pasar kita"], cwd=tmp_path)[0] == 0
    code, out, _ = run(["new", "Batik", "pasar kita"], cwd=tmp_path)
    assert code == 0 and out.strip().endswith("lalu jalankan: lapak build 'pasar kita'")
    code, out, _ = run(["new", "Kopi"], cwd=market)
    assert code == 0 and out.strip().endswith("lalu jalankan: lapak build")


def test_the_example_product_made_the_sellers_own_is_not_warned_about(tmp_path, run):
    assert run(["new", "Batik Bu Sri", str(tmp_path)])[0] == 0
    product = tmp_path / "sellers/batik-bu-sri/products/contoh-produk.md"
    product.write_text(product.read_text().replace("nama: Contoh Produk", "nama: Kain Indigo"))
    code, _, err = run(["check", str(tmp_path)])
    assert code == 0 and "produk contoh" not in err and "nomor contoh" in err
