"""Draw the test photos in this folder (committed; run again only to change them).

usage: python tests/photos/make_photos.py

Every picture is drawn upright with a red top-left quarter, then stored the way a phone
stores it (pixels turned, EXIF orientation saying how to turn them back), so a test can
check that the published picture is upright by looking at its top-left corner.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

HERE = Path(__file__).resolve().parent
RED, GREEN, BLUE, WHITE = (220, 30, 30), (30, 160, 60), (30, 60, 200), (245, 245, 240)
# What the raw pixels must be turned by so that exif_transpose turns them upright again.
STORE = {3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Gunungpati"/></rdf:RDF>'
    b'</x:xmpmeta><?xpacket end="w"?>'
)


def upright(width: int, height: int) -> Image.Image:
    im = Image.new("RGB", (width, height), WHITE)
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, width // 2 - 1, height // 2 - 1], fill=RED)
    d.rectangle([width // 2, height // 2, width - 1, height - 1], fill=BLUE)
    d.ellipse([width // 3, height // 3, 2 * width // 3, 2 * height // 3], fill=GREEN)
    return im


def phone_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "TestPhone"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (7.0, 3.0, 15.5), 3: "E", 4: (110.0, 25.0, 6.2)})  # someone's home
    return exif


def save_phone_jpeg(name: str, orientation: int, size: tuple[int, int]) -> None:
    im = upright(*size)
    raw = im.transpose(STORE[orientation]) if orientation in STORE else im
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    raw.save(
        HERE / name,
        "JPEG",
        quality=80,
        exif=phone_exif(orientation),
        xmp=XMP,
        icc_profile=icc,
        comment=b"Rumah Bu Siti, Gunungpati",
    )


def bomb_png() -> bytes:
    """A tiny file whose header claims 30000 × 30000 pixels (900 MP)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def main() -> None:
    save_phone_jpeg("orient-3.jpg", 3, (720, 540))
    save_phone_jpeg("orient-6-gps.jpg", 6, (540, 720))
    save_phone_jpeg("orient-8.jpg", 8, (540, 720))
    cmyk = Image.new("CMYK", (400, 300), (0, 0, 0, 0))
    ImageDraw.Draw(cmyk).rectangle([0, 0, 199, 149], fill=(0, 255, 255, 0))  # pure red in ink
    cmyk.save(HERE / "cmyk.jpg", "JPEG", quality=85)
    alpha = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    ImageDraw.Draw(alpha).ellipse([50, 25, 350, 275], fill=(31, 78, 121, 255))
    alpha.save(HERE / "alpha-logo.png")
    palette = upright(360, 270).convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    palette.save(HERE / "palette.png", transparency=0)
    gray = Image.linear_gradient("L").resize((256, 192)).convert("I")
    gray.point(lambda v: v * 257).convert("I;16").save(HERE / "gray16.png")
    whole = io.BytesIO()
    upright(720, 540).save(whole, "JPEG", quality=90)
    (HERE / "truncated.jpg").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    (HERE / "empty.jpg").write_bytes(b"")
    (HERE / "not-a-photo.jpg").write_text("Ini catatan harga, bukan foto.\n", encoding="utf-8")
    (HERE / "bomb.png").write_bytes(bomb_png())
    try:
        from pillow_heif import from_pillow

        heif = from_pillow(upright(96, 72).transpose(STORE[6]))
        heif.info["exif"] = phone_exif(6).tobytes()
        heif.save(HERE / "iphone.heic", quality=60)
    except ImportError:
        print("pillow-heif not installed: iphone.heic not made")


if __name__ == "__main__":
    main()
