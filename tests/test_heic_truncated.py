"""An iPhone photo (HEIC) cut short in copying is warned about and left out, as a short JPEG is.

libheif decodes what is there and paints the missing part green without an error, so the
file's own box sizes are what tell a short HEIC from a whole one.
"""

from __future__ import annotations

import pytest
from conftest import PHOTOS

from generator.photos.imagecodec import HEIF_SUPPORTED, EncodeSpec, encode_photo, probe_photo

pytestmark = pytest.mark.skipif(not HEIF_SUPPORTED, reason="pillow-heif is not installed")

WHOLE = (PHOTOS / "iphone.heic").read_bytes()


@pytest.mark.parametrize("keep", [len(WHOLE) - 1, len(WHOLE) - 150, 800, 450, 300, 40])
def test_a_short_heic_is_refused_as_truncated(keep):
    short = WHOLE[:keep]
    assert probe_photo(short).error == "photo.truncated"
    assert encode_photo(short, EncodeSpec(widths=(96,))).error == "photo.truncated"


def test_the_whole_heic_and_trailing_padding_are_fine():
    assert probe_photo(WHOLE).error == ""
    assert probe_photo(WHOLE + b"\0\0\0").error == ""
    assert encode_photo(WHOLE, EncodeSpec(widths=(96,))).width == 96


def test_a_short_heic_is_warned_about_and_the_product_published_without_it(scratch, run):
    root = scratch(
        {
            "sellers/toko/shop.yaml": "nama: Toko Foto\nwhatsapp: 0812-3456-7890\n",
            "sellers/toko/photos/hp.heic": WHOLE[:1000],
            "sellers/toko/products/hp.md": "---\nnama: HP\nharga: 10000\nfoto: hp.heic\n---\n",
        }
    )
    code, _, err = run(["build"], cwd=root)
    assert code == 0
    assert err.splitlines() == [
        "sellers/toko/photos/hp.heic: peringatan: foto ini tidak lengkap (terpotong, mungkin belum selesai "
        "disalin); produk tetap tampil tanpa foto ini — salin ulang fotonya dari HP",
        "0 galat, 1 peringatan",
    ]
    page = (root / "output/toko/hp.html").read_text(encoding="utf-8")
    assert 'class="noimg"' in page and "<picture>" not in page
