"""The photo pipeline end to end, on real photo files from tests/photos (see make_photos.py there)."""

from __future__ import annotations

import io
import shutil

import pytest
from conftest import PHOTOS
from helpers import parse, snapshot
from PIL import Image

from generator.photos import imagecodec, images
from generator.photos.imagecodec import HEIF_SUPPORTED, EncodeSpec
from generator.photos.images import PhotoRequest, PhotoSettings, process_photos

GOOD = ["orient-3.jpg", "orient-6-gps.jpg", "orient-8.jpg", "cmyk.jpg", "palette.png", "gray16.png"]
SECRETS = [b"TestPhone", b"Gunungpati", b"xmpmeta", b"Exif\0\0", b"Model X"]


def shop(scratch, photos: dict[str, list[str]], logo: str | None = "alpha-logo.png"):
    """A one-seller market: product name → its photo files (copied from tests/photos)."""
    files = {
        "sellers/toko/shop.yaml": "nama: Toko Foto\nwhatsapp: 0812-3456-7890\n" + (f"logo: {logo}\n" if logo else "")
    }
    for name in set(sum(photos.values(), [])) | ({logo} if logo else set()):
        files[f"sellers/toko/photos/{name}"] = (PHOTOS / name).read_bytes()
    for product, names in photos.items():
        listed = ", ".join(names)
        files[f"sellers/toko/products/{product}.md"] = f"---\nnama: {product}\nharga: 10000\nfoto: [{listed}]\n---\n"
    return scratch(files)


def metadata_blocks(data: bytes) -> list[str]:
    """Every block of a JPEG, WebP or PNG file that is not pixels or their basic description."""
    found = []
    if data[:2] == b"\xff\xd8":
        i = 2
        while i < len(data) and data[i + 1] != 0xDA:  # up to the first scan
            marker, length = data[i + 1], int.from_bytes(data[i + 2 : i + 4], "big")
            if 0xE1 <= marker <= 0xEF or marker == 0xFE or (marker == 0xE0 and data[i + 4 : i + 9] != b"JFIF\0"):
                found.append(f"JPEG marker {marker:02X}")
            i += 2 + length
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        i = 12
        while i + 8 <= len(data):
            kind, size = data[i : i + 4], int.from_bytes(data[i + 4 : i + 8], "little")
            if kind not in (b"VP8 ", b"VP8L", b"VP8X", b"ALPH"):
                found.append(f"WebP chunk {kind!r}")
            if kind == b"VP8X" and data[i + 8] & 0x2C:  # ICC, EXIF or XMP flag
                found.append("WebP VP8X metadata flag")
            i += 8 + size + (size & 1)
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        i = 8
        while i + 8 <= len(data):
            size, kind = int.from_bytes(data[i : i + 4], "big"), data[i + 4 : i + 8]
            if kind not in (b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"):
                found.append(f"PNG chunk {kind!r}")
            i += 12 + size
    else:
        found.append("unknown format")
    return found


def published(root, pattern="*"):
    return sorted((root / "output/toko/foto").glob(pattern))


def open_image(path):
    im = Image.open(path)
    im.load()
    return im


def is_red(pixel) -> bool:
    r, g, b = pixel[:3]
    return r > 180 and g < 90 and b < 90


def test_every_published_file_is_upright_and_carries_no_metadata(scratch, run):
    root = shop(scratch, {f"p{i}": [name] for i, name in enumerate(GOOD)})
    code, _, err = run(["build", str(root)])
    assert code == 0 and err == "", err
    files = published(root)
    assert len(files) > 30
    for path in files:
        data = path.read_bytes()
        assert metadata_blocks(data) == [], path.name
        assert not any(secret in data for secret in SECRETS), path.name
        im = open_image(path)
        assert not im.getexif() and not {"exif", "icc_profile", "xmp", "comment"} & set(im.info), path.name
    for stem in ("orient-3", "orient-6-gps", "orient-8", "cmyk", "palette"):
        for path in published(root, f"{stem}-*"):
            if "-icon" not in path.name and "-og" not in path.name:
                assert is_red(open_image(path).convert("RGB").getpixel((3, 3))), path.name


def test_widths_sizes_and_link_previews(scratch, run):
    root = shop(scratch, {"kain": ["orient-3.jpg"], "tas": ["orient-6-gps.jpg", "orient-8.jpg"]})
    assert run(["build", str(root)])[0] == 0
    sizes = {p.name[len("orient-3-") + 10 :]: open_image(p).size for p in published(root, "orient-3-*")}
    assert sizes == {
        "-320.webp": (320, 240),
        "-640.webp": (640, 480),
        "-720.webp": (720, 540),
        ".jpg": (640, 480),
        "-og.jpg": (1200, 630),
    }  # 720 wide: never upscaled to 960
    portrait = sorted(open_image(p).size for p in published(root, "orient-6-gps-*.webp"))
    assert portrait == [(320, 427), (540, 720)]  # 540 wide: never upscaled to 640
    for og in published(root, "*-og.jpg"):
        assert open_image(og).size == (1200, 630) and og.stat().st_size <= 300_000
    assert not published(root, "orient-8-*-og.jpg")  # a second photo needs no link preview
    icons = {open_image(p).size for p in published(root, "alpha-logo-*-icon*.png")}
    assert icons == {(32, 32), (180, 180), (192, 192), (512, 512)}


def test_picture_markup_srcset_sizes_and_loading(scratch, run):
    root = shop(scratch, {"tas": ["orient-3.jpg", "orient-8.jpg"]})
    assert run(["build", str(root)])[0] == 0
    html = (root / "output/toko/tas.html").read_text()
    page = parse(root / "output/toko/tas.html")
    first, second = [a for t, a in page.tags if t == "source" and a["sizes"] != "48px"]  # not the logo
    (jpeg,) = [p.name for p in published(root, "orient-3-*.jpg") if "-og" not in p.name]
    stem = jpeg.removesuffix(".jpg")
    assert first == {
        "type": "image/webp",
        "sizes": "(min-width: 48rem) 40rem, 100vw",
        "srcset": f"foto/{stem}-320.webp 320w, foto/{stem}-640.webp 640w, foto/{stem}-720.webp 720w",
    }
    assert second["srcset"].count("w, ") == 1  # the portrait photo: 320 and 540
    imgs = [a for t, a in page.tags if t == "img" and a.get("class") != "logo"]
    assert imgs[0]["src"] == f"foto/{jpeg}" and (imgs[0]["width"], imgs[0]["height"]) == ("640", "480")
    assert imgs[0]["fetchpriority"] == "high" and "loading" not in imgs[0] and imgs[0]["alt"] == "tas"
    assert imgs[1]["loading"] == "lazy" and imgs[1]["decoding"] == "async"
    assert (imgs[1]["width"], imgs[1]["height"]) == ("540", "720")
    assert all(a.get("width") and a.get("height") for a in imgs)
    assert imgs[0]["style"].startswith("background:#")  # placeholder colour while loading
    assert f'<meta property="og:image" content="foto/{stem}-og.jpg">' in html
    assert '<link rel="manifest" href="manifest.webmanifest">' in html and 'rel="apple-touch-icon"' in html
    manifest = (root / "output/toko/manifest.webmanifest").read_text()
    assert '"sizes": "512x512"' in manifest and '"name": "Toko Foto"' in manifest


def test_colours_survive_cmyk_alpha_palette_and_16_bit(scratch, run):
    root = shop(scratch, {"a": ["cmyk.jpg"], "b": ["gray16.png"], "c": ["palette.png"]})
    assert run(["build", str(root)])[0] == 0
    (cmyk,) = published(root, "cmyk-*-320.webp")
    assert is_red(open_image(cmyk).convert("RGB").getpixel((5, 5)))
    (gray,) = published(root, "gray16-*-256.webp")
    middle = open_image(gray).convert("L").getpixel((128, 96))
    assert 100 < middle < 160  # scaled from 16 bits, not clipped to white
    (logo_webp,) = published(root, "alpha-logo-*-320.webp")
    logo = open_image(logo_webp)
    assert logo.mode == "RGBA" and logo.getpixel((0, 0))[3] == 0  # transparency kept in WebP
    (logo_jpeg,) = [p for p in published(root, "alpha-logo-*.jpg") if "-og" not in p.name]
    assert open_image(logo_jpeg).getpixel((0, 0)) == (255, 255, 255)  # JPEG: on white


@pytest.mark.skipif(not HEIF_SUPPORTED, reason="pillow-heif is not installed")
def test_iphone_heic_is_published(scratch, run):
    root = shop(scratch, {"hp": ["iphone.heic"]}, logo=None)
    code, _, err = run(["build", str(root)])
    assert code == 0 and err == ""
    (webp,) = published(root, "iphone-*.webp")
    im = open_image(webp)
    assert im.size == (96, 72) and is_red(im.convert("RGB").getpixel((2, 2)))
    assert metadata_blocks(webp.read_bytes()) == []


BAD = {"a": ["truncated.jpg"], "b": ["empty.jpg"], "c": ["not-a-photo.jpg"], "d": ["bomb.png"]}
BAD_WARNINGS_ID = [
    "sellers/toko/photos/bomb.png: peringatan: foto ini terlalu besar (terlalu banyak piksel); produk tetap tampil "
    "tanpa foto ini — kecilkan dulu fotonya",
    "sellers/toko/photos/empty.jpg: peringatan: file foto ini kosong (0 byte); produk tetap tampil tanpa foto ini "
    "— salin ulang fotonya dari HP",
    "sellers/toko/photos/not-a-photo.jpg: peringatan: file ini bukan foto yang bisa dibaca; produk tetap tampil "
    "tanpa foto ini — simpan ulang sebagai JPG",
    "sellers/toko/photos/truncated.jpg: peringatan: foto ini tidak lengkap (terpotong, mungkin belum selesai "
    "disalin); produk tetap tampil tanpa foto ini — salin ulang fotonya dari HP",
    "0 galat, 4 peringatan",
]


def test_bad_photos_warn_once_each_and_products_are_still_published(scratch, run):
    root = shop(scratch, BAD, logo=None)
    code, out, err = run(["build"], cwd=root)
    assert code == 0
    assert err.splitlines() == BAD_WARNINGS_ID
    for product in BAD:
        page = (root / "output/toko" / f"{product}.html").read_text()
        assert 'class="noimg"' in page and "<picture>" not in page
    assert [p.name[:6] for p in (root / "output/toko/foto").iterdir()] == ["kartu-"]  # only the drawn preview card


def test_bad_photo_warnings_in_english_and_from_check(scratch, run):
    root = shop(scratch, {"a": ["truncated.jpg"], "b": ["bomb.png"]}, logo=None)
    code, _, err = run(["check", "--lang", "en"], cwd=root)
    assert code == 0 and err.splitlines()[1:] == [
        "sellers/toko/photos/bomb.png: warning: this photo has too many pixels; the product is shown without it "
        "— make it smaller first",
        "sellers/toko/photos/truncated.jpg: warning: this photo is incomplete (cut off, perhaps not fully copied); "
        "the product is shown without it — copy the photo again from the phone",
        "0 errors, 2 warnings",
    ]
    assert not (root / "output").exists()  # check writes no output (only what it found, in the cache)


def count_encodes(monkeypatch) -> list[str]:
    calls = []
    real = images.encode_photo

    def counting(data, spec):
        calls.append(spec)
        return real(data, spec)

    monkeypatch.setattr(images, "encode_photo", counting)
    return calls


def test_second_build_processes_and_writes_no_photo(scratch, run, monkeypatch):
    root = shop(scratch, {"kain": ["orient-3.jpg"], "tas": ["orient-6-gps.jpg"]})
    calls = count_encodes(monkeypatch)
    assert run(["build", str(root), "--jobs", "1"])[0] == 0
    assert len(calls) == 3  # two photos and the logo
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in published(root)}
    assert run(["build", str(root), "--jobs", "1"])[0] == 0
    assert len(calls) == 3  # nothing encoded again
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in published(root)} == before
    photo = root / "sellers/toko/photos/orient-3.jpg"
    photo.write_bytes((PHOTOS / "orient-8.jpg").read_bytes())  # the seller replaces one photo
    assert run(["build", str(root), "--jobs", "1"])[0] == 0
    assert len(calls) == 4  # only that one
    assert "-540.webp 540w" in (root / "output/toko/kain.html").read_text()  # now a portrait photo


def test_a_changed_setting_reprocesses_every_photo(scratch):
    root = shop(scratch, {"kain": ["orient-3.jpg"]}, logo=None)
    folder = str(root / "sellers/toko")
    asked = [PhotoRequest(folder, "photos/orient-3.jpg", "orient-3.jpg", og=True)]
    cache = str(root / "cache")
    assert process_photos(asked, cache, None).processed == 1
    assert process_photos(asked, cache, None).processed == 0
    narrow = PhotoSettings(EncodeSpec(widths=(320, 480)))
    again = process_photos(asked, cache, None, narrow)
    assert again.processed == 1
    (picture,) = again.pictures.values()
    assert [w for _, w in picture.sources] == [320, 480]


def test_removed_photos_vanish_from_the_output(scratch, run):
    root = shop(scratch, {"kain": ["orient-3.jpg"], "tas": ["orient-8.jpg"]})
    assert run(["build", str(root)])[0] == 0
    assert published(root, "orient-8-*")
    (root / "sellers/toko/products/tas.md").unlink()
    (root / "sellers/toko/photos/orient-8.jpg").unlink()
    assert run(["build", str(root)])[0] == 0
    assert not published(root, "orient-8-*") and published(root, "orient-3-*")


def test_photo_output_is_byte_identical_across_builds(scratch, run, tmp_path):
    root = shop(scratch, {"kain": ["orient-3.jpg", "cmyk.jpg"]})
    assert run(["build", str(root), "--out", str(tmp_path / "one")])[0] == 0
    shutil.rmtree(root / ".lapak-cache")  # processed afresh, not copied from the cache
    assert run(["build", str(root), "--out", str(tmp_path / "two")])[0] == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_parallel_and_inline_processing_agree(scratch):
    root = shop(scratch, {"kain": ["orient-3.jpg"]}, logo=None)
    folder = str(root / "sellers/toko")
    asked = [PhotoRequest(folder, "photos/orient-3.jpg", "orient-3.jpg")]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        parallel = process_photos(asked, None, pool, write=True)
    inline = process_photos(asked, None, None, write=True)
    assert parallel.pictures == inline.pictures and parallel.processed == inline.processed == 1


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def test_an_svg_photo_or_logo_is_named_as_svg_not_as_missing(scratch, run):
    root = scratch(
        {
            "sellers/toko/shop.yaml": "nama: Toko\nwhatsapp: 0812-3456-7890\nlogo: logo.svg\n",
            "sellers/toko/photos/logo.svg": SVG,
            "sellers/toko/photos/kain.svg": SVG,
            "sellers/toko/products/kain.md": "---\nnama: Kain\nharga: 10000\nfoto: kain.svg\n---\n",
            "sellers/lain/shop.yaml": "nama: Lain\nwhatsapp: 0812-3456-7890\nlogo: merek.svg\n",
            "sellers/lain/merek.svg": SVG,
            "sellers/lain/products/teh.md": "---\nnama: Teh\nharga: 10000\n---\n",
        }
    )
    code, _, err = run(["build"], cwd=root)
    assert code == 0, err
    assert "tidak ada di folder" not in err and "bukan foto yang bisa dibaca" not in err
    said = [line for line in err.splitlines() if "adalah gambar SVG" in line]
    assert [line.split(": peringatan: ")[0] for line in said] == [
        "sellers/lain/merek.svg",
        "sellers/toko/products/kain.md:4",
        "sellers/toko/shop.yaml:3",
    ]
    assert said[0].endswith("simpan gambarnya sebagai PNG (logo) atau JPG (foto) lalu tulis nama file itu")
    assert not list((root / "output").rglob("*.svg"))


def _damaged_exif_jpeg(red: int = 200) -> bytes:
    """A photo whose EXIF block names a tag with more data than the file holds (Pillow warns)."""
    import io
    import struct

    tiff = b"II*\x00" + struct.pack("<IH", 8, 1) + struct.pack("<HHII", 0x010F, 2, 100, 1000) + struct.pack("<I", 0)
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (red, 30, 30)).save(out, "JPEG", exif=b"Exif\x00\x00" + tiff)
    return out.getvalue()


def test_pillows_own_warnings_become_a_warning_naming_the_photo(scratch, run):
    root = scratch(
        {
            "sellers/toko/shop.yaml": "nama: Toko\nwhatsapp: 0812-3456-7890\n",
            "sellers/toko/photos/kain.jpg": _damaged_exif_jpeg(),
            "sellers/toko/photos/rusak.jpg": _damaged_exif_jpeg()[:300],
            "sellers/toko/products/kain.md": "---\nnama: Kain\nharga: 10000\nfoto: [kain.jpg, rusak.jpg]\n---\n",
        }
    )
    expected = (
        "sellers/toko/photos/kain.jpg: peringatan: data EXIF foto ini rusak (Tag data larger than file. "
        "Skipping tag 271); fotonya tetap dipakai tanpa data itu, tapi arah tegaknya mungkin salah — kalau "
        "tampil miring, putar fotonya lalu simpan ulang sebagai JPG"
    )
    for _ in range(2):  # the second build reads the photo from the cache and says it again
        code, _, err = run(["build"], cwd=root)
        assert code == 0, err
        assert "UserWarning" not in err
        assert [line for line in err.splitlines() if "kain.jpg" in line] == [expected]
        rusak = [line for line in err.splitlines() if "rusak.jpg" in line]
        assert (
            len(rusak) == 1 and "foto ini rusak dan tidak bisa dibaca" in rusak[0]
        )  # Lapak's own warning, not Pillow's too
    code, _, err = run(["check", "--lang", "en"], cwd=root)
    assert "sellers/toko/photos/kain.jpg: warning: this photo's EXIF data is damaged" in err


def test_pillows_warnings_in_worker_processes_are_caught_there(tmp_path, capfd):
    from concurrent.futures import ProcessPoolExecutor

    folder = tmp_path / "toko"
    (folder / "photos").mkdir(parents=True)
    for i in range(4):
        (folder / f"photos/kain-{i}.jpg").write_bytes(_damaged_exif_jpeg(100 + 20 * i))
    asked = [PhotoRequest(str(folder), f"photos/kain-{i}.jpg", f"photos/kain-{i}.jpg") for i in range(4)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        done = process_photos(asked, str(tmp_path / "cache"), pool)
    assert sorted((p.path, p.code) for p in done.problems) == [
        (f"photos/kain-{i}.jpg", "photo.exif_damaged") for i in range(4)
    ]
    assert "Skipping tag" not in capfd.readouterr().err


def _whole_card(title: str, subtitle: str, background: str, foreground: str) -> bytes:
    """The card as it was drawn before the band: every pixel drawn and encoded in one piece."""
    from PIL import ImageDraw

    im = Image.new("RGB", imagecodec.CARD_SIZE, background)
    draw = ImageDraw.Draw(im)
    for text, size, y in ((title, 84, 255), (subtitle, 40, 365)):
        text = imagecodec.card_text(text[: imagecodec.CARD_LINE_CHARS])
        if text:
            font = imagecodec._card_font(size)
            while draw.textlength(text, font=font) > 1080 and len(text) > 4:
                text = text[:-2].rstrip() + "…"
            draw.text((600, y), text, font=font, fill=foreground, anchor="mm")
    return imagecodec._card_jpeg(im)


CARDS = [
    ("Toko Batik Bu Sri", "Kerajinan tangan dari Solo", "#8a3b12", "#ffffff"),
    ("Jagung Yoyo (gypsy)", "", "#123456", "#fefefe"),  # descenders; no tagline
    ("", "hanya tagline, tanpa nama", "#ffffff", "#111111"),
    ("", "", "#00aa00", "#ffffff"),  # nothing to write: the plain colour
    ("Nama yang sangat panjang sekali " * 6, "Tagline " * 40, "#8a3b12", "#ffffff"),  # cut with "…"
    ("Éçà Ñoño — “Toko”", "日本 🙂 only boxes", "#333333", "#eeeeee"),
]


@pytest.mark.parametrize("args", CARDS)
def test_a_drawn_card_is_the_whole_cards_jpeg_byte_for_byte(args):
    """Only the text's band is drawn and encoded, the plain rows come from the background's
    JPEG: the file must be exactly what encoding the whole card makes."""
    data = imagecodec.text_card(*args)
    assert data == _whole_card(*args)
    with Image.open(io.BytesIO(data)) as im:
        assert (im.format, im.size) == ("JPEG", (1200, 630))
        im.load()  # decodes: the restart markers are in order


def test_a_card_is_encoded_whole_when_the_band_cannot_be_spliced(monkeypatch):
    """Another libjpeg could code the band with other tables: then the whole card is encoded."""
    args = CARDS[0]
    real = imagecodec._without_height
    monkeypatch.setattr(imagecodec, "_without_height", lambda head, h: real(head, h) if h == 630 else b"other")
    assert imagecodec.text_card(*args) == _whole_card(*args)
    monkeypatch.setattr(imagecodec, "_segments", lambda jpeg: None)
    imagecodec._background_card.cache_clear()
    try:
        assert imagecodec.text_card(*args) == _whole_card(*args)
    finally:
        imagecodec._background_card.cache_clear()


def test_a_card_writes_letters_its_font_lacks_as_the_nearest_it_has():
    """Pillow's bundled font has ASCII and a few signs: "Café – Kué" drew boxes for é and –."""
    assert imagecodec.card_text("Café — Kué • 5€ × 2 ®") == "Cafe - Kue · 5EUR x 2"
    assert imagecodec.card_text("Straße Łódź Ｔｏｋｏ\u00a0Ñoño") == "Strasse Lodz Toko Nono"
    assert imagecodec.card_text("日本 🙂 Toko  Bu\tSri") == "Toko Bu Sri"  # other scripts and emoji left out
    assert imagecodec.card_text("Ayu’s “Batik” … ©") == "Ayu’s “Batik” … ©"  # the font has these
    for text in ("Café — Kué", "Straße Łódź", "Jagung • Pisang"):
        assert all(imagecodec._drawable(ch) for ch in imagecodec.card_text(text))
    drawn = imagecodec.text_card("Café — Kué", "Rasa “asli”", "#225522", "#ffffff")
    assert drawn == imagecodec.text_card("Cafe - Kue", "Rasa “asli”", "#225522", "#ffffff")


def test_a_story_pasted_as_the_tagline_is_cut_before_it_is_fitted(monkeypatch):
    """Fitting a line drops a letter at a time, measuring the line each time: a 5,000-letter
    tagline is first cut to more than a line holds (it was measured ~5,000 times: 24 s)."""
    from PIL import ImageDraw

    measured = []
    real = ImageDraw.ImageDraw.textlength
    monkeypatch.setattr(
        ImageDraw.ImageDraw,
        "textlength",
        lambda self, text, *a, **k: measured.append(text) or real(self, text, *a, **k),
    )
    story = "Kami membuat keripik dari singkong pilihan sejak tahun 1998. " * 80
    imagecodec.text_card("Toko", story, "#8a3b12", "#ffffff")
    assert len(measured) <= 1 + imagecodec.CARD_LINE_CHARS and max(map(len, measured)) <= imagecodec.CARD_LINE_CHARS
    assert imagecodec._card_font(40).getlength("'") * imagecodec.CARD_LINE_CHARS > 1080  # the cut keeps more than fits
