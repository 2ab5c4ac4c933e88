"""`lapak new`: a seller folder (or a whole market folder) that builds with zero edits."""

from __future__ import annotations

from pathlib import Path

from generator.core.errors import LapakError, problem
from generator.load.values import PLACEHOLDER_WHATSAPP, slugify

SHOP_YAML = """\
# Data toko Anda. Baris yang diawali # adalah catatan dan tidak dibaca Lapak.
# Ubah isi di sebelah kanan titik dua (:). Jangan hapus titik duanya.

nama: {name}

# Nomor WhatsApp yang menerima pesanan. Boleh ditulis 0812-3456-7890,
# +62 812 3456 7890 atau (0812) 3456 7890.
whatsapp: {phone}

# Kalimat singkat di bawah nama toko.
slogan: {slogan}

# Kota dan alamat toko (boleh dikosongkan).
kota:{city}
alamat:{address}

# Jam buka, misalnya: Senin–Sabtu, 08.00–16.00
jam:

# Cerita tentang toko. Tulis di baris-baris di bawah "tentang: |", menjorok dua spasi.
tentang: |
{about}

# Cara membayar, muncul di halaman produk dan di pesan pesanan.
pembayaran: Transfer bank atau bayar di tempat (COD)

# Pilihan pengiriman. Satu pilihan per baris, diawali "- ".
pengiriman:
  - Ambil sendiri
  - Kurir

# Akun Instagram (boleh dikosongkan), misalnya @tokosaya
instagram:{instagram}

# Foto logo di folder photos/, misalnya: logo: logo.jpg
# logo:

# Warna utama toko, kode warna seperti "#1f4e79" (pakai tanda kutip).
# warna:
#   aksen: "#1f4e79"

# Bahasa halaman: id (Indonesia) atau en (Inggris).
bahasa: id
"""

PRODUCT_MD = """\
---
# Satu file = satu produk. Nama file ini (contoh-produk) menjadi alamat halamannya.
# Foto: taruh di folder photos/ dengan nama yang diawali nama file ini,
# misalnya contoh-produk.jpg, contoh-produk-2.jpg. Lapak mengecilkan fotonya sendiri.

nama: Contoh Produk

# Harga boleh ditulis 350000, 350.000, Rp 350.000, 350rb, 1,5jt,
# atau "tanya" kalau harganya ditanyakan lewat WhatsApp.
harga: 50rb

# Kategori untuk mengelompokkan produk (boleh dikosongkan).
kategori: Contoh

# Stok: sebuah angka, atau "habis".
stok: 10

# Harga lama yang tampil dicoret (boleh dihapus).
# harga_coret: 65rb

# Pilihan ukuran/warna. Tiap baris: nama pilihan, titik dua, harganya.
# varian:
#   - Kecil: 50rb
#   - Besar: 75rb
---
Di bawah garis "---" tulis cerita produknya: bahan, ukuran, cara merawat.

Kosongkan satu baris untuk paragraf baru. Tulis **tebal** dengan dua bintang.
"""

README_TXT = """\
TOKO {name_upper}
{rule}

Toko Anda ada di folder ini. Yang perlu Anda ubah:

1. shop.yaml      — nama toko, nomor WhatsApp, cara bayar, pengiriman.
2. products/      — satu file untuk setiap produk. Salin contoh-produk.md,
                    beri nama baru (misalnya kain-indigo.md), lalu ubah isinya.
3. photos/        — foto produk dari HP. Beri nama sama dengan file produknya:
                    kain-indigo.jpg, kain-indigo-2.jpg, dan seterusnya.

Buka file dengan Notepad (atau aplikasi catatan di HP), ubah, lalu simpan.
Kalau ada yang salah tulis, pelatih Anda akan mendapat pesan yang menyebut
nama file dan barisnya. Tidak ada yang rusak: toko lama tetap tampil.
"""

LAPAK_YAML = """\
# Pengaturan pasar. Semua isian boleh dikosongkan.
nama: {name}

# Alamat web tempat pasar ini dipasang, misalnya https://nama.github.io/pasar
# (dipakai untuk pratinjau tautan di WhatsApp dan kode QR).
# site_url: https://contoh.github.io/pasar

tentang: |
  Pasar daring para pembuat di daerah kami. Pesan langsung ke penjualnya lewat WhatsApp.

bahasa: id
"""

GITIGNORE = "/output/\n/output.zip\n/.lapak-cache/\n/edit-cards.html\n"

# `<requirement>` is filled in by `workflow()` from the package metadata.
WORKFLOW = """\
# Builds this market with Lapak and publishes output/ to GitHub Pages on every push to
# main. The only setup: in the repository's Settings → Pages, under "Build and
# deployment", set Source to "GitHub Actions".
# Written by `lapak new --market`, which pinned the Lapak that wrote it; for a newer
# Lapak, change the tag at the end of the "Install Lapak" line.
name: Lapak
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
          # A market has no requirements file: the cache follows this file's pinned Lapak.
          cache-dependency-path: .github/workflows/lapak.yml
      - name: Install Lapak
        run: pip install "<requirement>"
      - name: Build the shops
        run: lapak build
      - uses: actions/upload-pages-artifact@v3
        with:
          path: output
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


class ScaffoldError(LapakError):
    """`lapak new` would overwrite something, or the name cannot become a folder."""

    def __init__(self, code: str, **params):
        self.problem = problem("", None, code, **params)
        super().__init__(self.problem.format("en"))


def new_seller(name: str, root: Path) -> Path:
    """Create `sellers/<slug>/` with a commented shop.yaml, one product and photos/."""
    slug = slugify(name)
    if not slug:
        raise ScaffoldError("new.bad_name", name=name)
    folder = root / "sellers" / slug
    if folder.exists():
        raise ScaffoldError("new.exists", where=str(folder))
    (folder / "products").mkdir(parents=True)
    (folder / "photos").mkdir()
    for rel, text in seller_files(name).items():
        _write(folder / rel, text)
    return folder


def seller_files(
    name: str,
    phone: str = PLACEHOLDER_WHATSAPP,
    slogan: str = "",
    city: str = "",
    address: str = "",
    about: str = "",
    instagram: str = "",
) -> dict[str, str]:
    """The files of a new seller folder (path inside it → text): `lapak new` writes them with the
    sample slogan and story, `lapak import` with what the sign-up form said."""
    shop = SHOP_YAML.format(
        name=_yaml_text(name),
        phone=phone,
        slogan=_yaml_text(slogan) if slogan else "Buatan tangan, langsung dari pembuatnya",
        city=" " + _yaml_text(city) if city else "",
        address=" " + _yaml_text(address) if address else "",
        about=_indented(about or "Ceritakan siapa Anda, apa yang Anda buat, dan mengapa pembeli akan suka."),
        instagram=" " + _yaml_text(instagram) if instagram else "",
    )
    title = f"TOKO {name.upper()}"
    return {
        "shop.yaml": shop,
        "products/contoh-produk.md": PRODUCT_MD,
        "BACA-SAYA.txt": README_TXT.format(name_upper=name.upper(), rule="=" * len(title)),
    }


def _indented(text: str) -> str:
    """A story as the lines of a YAML `|` block (two spaces in; an empty line stays empty)."""
    lines = text.strip().replace("\r\n", "\n").split("\n")
    return "\n".join("  " + line.rstrip() if line.strip() else "" for line in lines)


def new_market(name: str, root: Path) -> Path:
    """Create a market folder: lapak.yaml, sellers/, .gitignore and a GitHub Pages workflow."""
    if (root / "lapak.yaml").exists() or (root / "sellers").exists():
        raise ScaffoldError("new.exists", where=str(root))
    (root / "sellers").mkdir(parents=True)
    _write(root / "lapak.yaml", LAPAK_YAML.format(name=_yaml_text(name)))
    _write(root / ".gitignore", GITIGNORE)
    _write(root / ".github" / "workflows" / "lapak.yml", workflow())
    return root


def workflow() -> str:
    """The GitHub Pages workflow, installing this very Lapak: the project's git repository
    (`Source` in pyproject.toml's [project.urls]) at the tag of the running version."""
    from importlib.metadata import metadata  # ~30 ms, only `new --market` needs it

    meta = metadata("lapak")
    urls = dict(entry.split(", ", 1) for entry in meta.get_all("Project-URL") or ())
    requirement = f"lapak @ git+{urls['Source'].rstrip('/')}@v{meta['Version']}"
    return WORKFLOW.replace("<requirement>", requirement)


def _yaml_text(text: str) -> str:
    """A name as a double-quoted YAML string (safe whatever characters it holds)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
