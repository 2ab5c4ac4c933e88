"""One photo's bytes in, the published files' bytes out (plain data both ways, no file access).

This is the task the process pool (or, later, a Dask cluster) runs. Every output is
written from pixels alone: no EXIF, GPS, XMP, IPTC, maker notes, comments or ICC profile
reaches a published file. Colour is first converted to sRGB (the web's assumed space),
so dropping the profile keeps colours right and saves its bytes.
"""

from __future__ import annotations

import functools
import io
import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from generator.photos.imagemath import contain_size, cover_box, draft_size, fallback_width, scaled_height, target_widths

HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")
ORIENTATION = 0x0112
if TYPE_CHECKING:
    from PIL import Image, ImageCms, ImageOps
    from PIL._imagingcms import CmsProfile

    FORMATS: list[str]
    HEIF_SUPPORTED: bool
    SRGB: CmsProfile
# Module globals set by _load_pil() on first use; `imagecodec.HEIF_SUPPORTED` from outside loads them too.
_PIL_NAMES = ("Image", "ImageCms", "ImageOps", "FORMATS", "HEIF_SUPPORTED", "SRGB")
_PIL_LOCK = threading.Lock()


def _load_pil() -> None:
    """Import and set up Pillow, pillow-heif and the sRGB profile, once, when a photo or card is
    made: ~30 ms a build (or a rebuild) that encodes nothing does not pay."""
    global Image, ImageCms, ImageOps, FORMATS, HEIF_SUPPORTED, SRGB
    with _PIL_LOCK:
        if "SRGB" in globals():
            return
        from PIL import Image, ImageCms, ImageOps

        Image.MAX_IMAGE_PIXELS = 120_000_000  # 120 MP: above any phone camera, below a decompression bomb
        # Formats a seller's phone or editor makes (JPEG includes MPO); others (EPS, PSD, …) are refused.
        formats = ["JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP"]
        try:  # iPhone photos (HEIC): pillow-heif ships libheif in its wheels
            from pillow_heif import register_heif_opener

            register_heif_opener()
            formats += ["HEIF"]
            HEIF_SUPPORTED = True
        except ImportError:  # pragma: no cover - a platform without a pillow-heif wheel
            HEIF_SUPPORTED = False
        FORMATS = formats
        SRGB = ImageCms.createProfile("sRGB")  # last: its presence means everything above is set


def __getattr__(name: str):
    """`FORMATS`, `HEIF_SUPPORTED`, `Image` … asked for from outside: load Pillow first (PEP 562)."""
    if name in _PIL_NAMES:
        _load_pil()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class EncodeSpec:
    """How to turn one photo into files; plain data, part of the cache key."""

    widths: tuple[int, ...] = (320, 640, 960)
    webp_quality: int = 75
    webp_method: int = 2
    jpeg_width: int = 640
    jpeg_quality: int = 80
    og: bool = False  # also a 1200×630 link-preview JPEG
    og_size: tuple[int, int] = (1200, 630)
    og_max_bytes: int = 300_000
    icons: tuple[int, ...] = ()  # square PNG icons (favicon, apple-touch, manifest) for a logo


@dataclass(frozen=True)
class Encoded:
    """What one photo became: its upright size, a placeholder colour and the files (suffix → bytes)."""

    width: int = 0
    height: int = 0
    color: str = ""  # "#rrggbb" shown while the photo loads; "" for transparent pictures
    files: tuple[tuple[str, bytes], ...] = ()
    error: str = ""  # a message code (photo.truncated, …) when the photo cannot be used
    notes: tuple[str, ...] = ()  # what the decoder warned about ("Corrupt EXIF data", …)


def webp_name(width: int) -> str:
    return f"-{width}.webp"


JPEG_NAME, OG_NAME = ".jpg", "-og.jpg"


def icon_name(size: int) -> str:
    return f"-icon{size}.png"


def encode_photo(data: bytes, spec: EncodeSpec) -> Encoded:
    """Photo bytes → upright, metadata-free WebP widths, a JPEG fallback and optional OG/icons."""
    _load_pil()
    try:
        im, up_w, up_h = _open_upright(data, max(spec.widths))
        return _encode(im, up_w, up_h, spec)
    except _Refused as e:
        return Encoded(error=e.code)


def probe_photo(data: bytes) -> Encoded:
    """Decode at 1/8 scale to find a broken photo without making anything (`lapak check`)."""
    _load_pil()
    try:
        _, w, h = _open_upright(data, 1)
    except _Refused as e:
        return Encoded(error=e.code)
    return Encoded(w, h)


class _Refused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _open_upright(data: bytes, need_width: int) -> tuple[Image.Image, int, int]:
    """Decode (JPEGs at reduced scale), turn upright, convert to sRGB; return it and its full size."""
    if not data:
        raise _Refused("photo.empty")
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        if not HEIF_SUPPORTED:
            raise _Refused("photo.heic")
        if _boxes_cut_short(data):
            # libheif decodes what is there and paints the rest green, without an error.
            raise _Refused("photo.truncated")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im: Image.Image = Image.open(io.BytesIO(data), formats=FORMATS)
            orientation = im.getexif().get(ORIENTATION)
            full_w, full_h = im.size
            if im.format in ("JPEG", "MPO"):
                im.draft(None, draft_size(full_w, full_h, orientation, need_width))
            im.load()
            im = ImageOps.exif_transpose(im)
            im = _to_srgb(im)
    except Image.UnidentifiedImageError as e:
        raise _Refused("photo.not_image") from e
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise _Refused("photo.too_many_pixels") from e
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, KeyError) as e:
        raise _Refused("photo.truncated" if "truncated" in str(e) else "photo.broken") from e
    im.info = {}  # drop every metadata block the decoder kept (exif, xmp, icc, comment, …)
    up_w, up_h = (full_h, full_w) if orientation in (5, 6, 7, 8) else (full_w, full_h)
    return im, up_w, up_h


def _boxes_cut_short(data: bytes) -> bool:
    """A HEIF/AVIF file whose top-level boxes (ftyp, meta, mdat …) declare more bytes than it holds."""
    i = 0
    while i + 8 <= len(data):
        size = int.from_bytes(data[i : i + 4], "big")
        header = 8
        if size == 1:  # a 64-bit size follows the box type
            if i + 16 > len(data):
                return True
            size, header = int.from_bytes(data[i + 8 : i + 16], "big"), 16
        elif size == 0:  # the last box runs to the end of the file
            return False
        if size < header:
            return False  # not a box size at all: left to libheif to judge
        i += size
    return i > len(data) or any(data[i:])  # a box header cut off (zero bytes are padding)


def _to_srgb(im: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB from any mode: palette, grey, 16-bit, CMYK, with or without a profile."""
    icc = im.info.get("icc_profile")
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")  # 16-bit → 8-bit, not clipped
    elif im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    elif im.mode in ("PA", "LA", "La", "RGBa"):
        im = im.convert("RGBA")
    if icc and im.mode in ("RGB", "RGBA", "CMYK", "L"):
        converted = _profile_to_srgb(im, icc)
        if converted is not None:
            return converted
    if im.mode == "RGBA" and im.getchannel("A").getextrema()[0] == 255:
        return im.convert("RGB")  # an alpha channel nobody uses costs bytes
    return im if im.mode in ("RGB", "RGBA") else im.convert("RGB")


def _profile_to_srgb(im: Image.Image, icc: bytes) -> Image.Image | None:
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if im.mode in ("RGB", "RGBA") and "srgb" in ImageCms.getProfileDescription(profile).lower():
            return None  # already sRGB: nothing to convert
        out_mode = "RGBA" if im.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(im, profile, SRGB, outputMode=out_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # a broken profile: the plain conversion is the best guess


def _encode(im: Image.Image, up_w: int, up_h: int, spec: EncodeSpec) -> Encoded:
    widths = target_widths(up_w, spec.widths)
    scaled = {}
    source = im
    for w in sorted(widths, reverse=True):  # each width from the next larger one: less work
        source = scaled[w] = _resize(source, (w, scaled_height(up_w, up_h, w)))
    files = [
        (webp_name(w), _save(scaled[w], "WEBP", quality=spec.webp_quality, method=spec.webp_method)) for w in widths
    ]
    flat = _flatten(scaled[fallback_width(widths, spec.jpeg_width)])
    files.append((JPEG_NAME, _save(flat, "JPEG", quality=spec.jpeg_quality, optimize=True)))
    if spec.og:
        files.append((OG_NAME, _og_image(im, spec)))
    for size in spec.icons:
        files.append((icon_name(size), _icon(im, size)))
    color = "" if im.mode == "RGBA" else _dominant_color(scaled[min(widths)])
    return Encoded(up_w, up_h, color, tuple(files))


def _resize(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Lanczos down, bilinear up (enlarging gains nothing from the costlier filter);
    an exact halving is a 2×2 average, ten times cheaper and as good."""
    if im.size == size:
        return im
    if (im.width, im.height) == (2 * size[0], 2 * size[1]):
        return im.reduce(2)
    up = size[0] > im.width
    return im.resize(size, Image.Resampling.BILINEAR if up else Image.Resampling.LANCZOS)


def _save(im: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    im.info = {}  # nothing but pixels: no exif=, icc_profile=, xmp= or comment= is ever passed
    im.save(out, fmt, **options)
    return out.getvalue()


def flat_rgb(im: Image.Image) -> Image.Image:
    """RGB in sRGB from any picture, as the build reads it, transparency put on white."""
    return _flatten(_to_srgb(im)).convert("RGB")


def _flatten(im: Image.Image) -> Image.Image:
    """JPEG has no transparency: put transparent pictures on white."""
    if im.mode != "RGBA":
        return im
    background = Image.new("RGB", im.size, (255, 255, 255))
    background.paste(im, mask=im.getchannel("A"))
    return background


def _og_image(im: Image.Image, spec: EncodeSpec) -> bytes:
    """A link-preview picture: centre crop to 1200×630, JPEG small enough for WhatsApp."""
    og = _flatten(_resize(im.crop(cover_box(*im.size, *spec.og_size)), spec.og_size))
    quality = spec.jpeg_quality
    data = _save(og, "JPEG", quality=quality, optimize=True)  # baseline: a third of progressive's time
    while len(data) > spec.og_max_bytes and quality > 30:
        quality -= 10
        data = _save(og, "JPEG", quality=quality, optimize=True)
    return data


def _icon(im: Image.Image, size: int) -> bytes:
    """A square icon: the whole logo fitted in, transparent around it (on white at 180 px,
    because iOS paints a home-screen icon's transparency black)."""
    fitted = im.convert("RGBA").resize(contain_size(*im.size, size), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (size, size), (255, 255, 255, 255 if size == 180 else 0))
    canvas.alpha_composite(fitted, ((size - fitted.width) // 2, (size - fitted.height) // 2))
    return _save(canvas.convert("RGB") if size == 180 else canvas, "PNG", optimize=True)


def _dominant_color(im: Image.Image) -> str:
    """The most common of a few colours of a thumbnail: the placeholder shown while loading."""
    small = im.convert("RGB").resize((16, 16), Image.Resampling.BOX)
    quantized = small.quantize(4, method=Image.Quantize.MEDIANCUT)
    colors = cast("list[tuple[int, int]]", quantized.getcolors())  # a "P" image: pixels are palette indexes
    count, index = max(colors)
    palette = quantized.getpalette()
    assert palette is not None  # quantize() always makes a palette
    r, g, b = palette[3 * index : 3 * index + 3]
    return f"#{r:02x}{g:02x}{b:02x}"


CARD_SIZE = (1200, 630)
CARD_LINE_CHARS = 300  # more than a line of the card holds (135 of its narrowest letter)
_MCU = 16  # rows of pixels a baseline 4:2:0 JPEG codes together (one "MCU row")
_RST = re.compile(rb"\xff[\xd0-\xd7]")  # a restart marker; any other 0xFF in coded data is followed by 0x00


def text_card(title: str, subtitle: str, background: str, foreground: str) -> bytes:
    """A 1200×630 link-preview card with the shop's name, for a shop without any photo.

    Pillow's bundled font (FreeType) keeps it free of system fonts, so the bytes depend
    only on the text, the colours and the Pillow version.

    A market of 2,500 shops without photos draws 2,500 cards in a cold build, and encoding
    1200×630 pixels was most of a card's time. Only the band of rows the text crosses is
    drawn and encoded; the plain rows above and below are the background's, encoded once per
    colour (see `_spliced`). The file is the JPEG libjpeg makes of the whole card with a
    restart marker every row of blocks, byte for byte (tests/test_images.py proves it).
    """
    from PIL import Image, ImageDraw  # not _load_pil(): no photo codec is needed here

    lines = []
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    y = CARD_SIZE[1] // 2 - 60
    for text, size in ((title, 84), (subtitle, 40)):
        # At most 135 of the font's narrowest letters fit in a line: a longer text (a whole
        # story pasted as the tagline) is cut first, not measured once per letter cut.
        text = card_text(text[:CARD_LINE_CHARS])
        if text:
            font = _card_font(size)
            while measure.textlength(text, font=font) > 1080 and len(text) > 4:
                text = text[:-2].rstrip() + "…"
            lines.append((text, font, y))
        y += 110
    if not lines:
        return _background_card(background)[0]
    boxes = [measure.textbbox((600, y), text, font=font, anchor="mm") for text, font, y in lines]
    top = max(0, min(int(box[1]) for box in boxes) // _MCU * _MCU)
    bottom = -(-max(int(box[3]) + 1 for box in boxes) // _MCU) * _MCU
    if bottom > CARD_SIZE[1] // _MCU * _MCU:  # into the last, partial row of blocks: the whole card
        top, bottom = 0, CARD_SIZE[1]
    band = Image.new("RGB", (CARD_SIZE[0], bottom - top), background)
    draw = ImageDraw.Draw(band)
    for text, font, y in lines:
        draw.text((600, y - top), text, font=font, fill=foreground, anchor="mm")
    if bottom - top == CARD_SIZE[1]:
        return _card_jpeg(band)
    return _spliced(background, band, top // _MCU) or _card_jpeg(_whole(background, band, top))


def _card_jpeg(im) -> bytes:
    out = io.BytesIO()
    # No optimize=True: on flat colours it saves a tenth of the bytes for twice the encoding time.
    # A restart marker after each row of blocks lets rows be taken from another card (see text_card).
    im.save(out, "JPEG", quality=85, restart_marker_rows=1)
    return out.getvalue()


def _segments(jpeg: bytes) -> tuple[bytes, list[bytes]] | None:
    """A JPEG's headers (to the end of its scan header) and its coded rows, split at the restart
    markers; None when it is not a single-scan JPEG ending in EOI."""
    sos = jpeg.find(b"\xff\xda")
    if sos < 0 or not jpeg.endswith(b"\xff\xd9"):
        return None
    start = sos + 2 + int.from_bytes(jpeg[sos + 2 : sos + 4], "big")
    return jpeg[:start], _RST.split(jpeg[start:-2])


@functools.lru_cache(maxsize=16)
def _background_card(background: str) -> tuple[bytes, tuple[bytes, list[bytes]] | None]:
    """A card of the plain colour (its JPEG, and that split as `_segments` does): once per colour."""
    from PIL import Image

    jpeg = _card_jpeg(Image.new("RGB", CARD_SIZE, background))
    return jpeg, _segments(jpeg)


def _spliced(background: str, band, first_row: int) -> bytes | None:
    """The card's JPEG from the background's rows of blocks with the band's coded rows in place
    of rows `first_row`…; None if the two encodings differ in anything but their height (another
    libjpeg's tables, say), and then the card is encoded whole."""
    plain = _background_card(background)[1]
    drawn = _segments(_card_jpeg(band))
    if plain is None or drawn is None:
        return None
    (head, rows), (band_head, band_rows) = plain, drawn
    if len(rows) != -(-CARD_SIZE[1] // _MCU) or len(band_rows) != band.height // _MCU:
        return None
    same = _without_height(band_head, band.height)
    if same is None or same != _without_height(head, CARD_SIZE[1]):
        return None
    rows = rows[:first_row] + band_rows + rows[first_row + len(band_rows) :]
    out = [head, rows[0]]
    for n, row in enumerate(rows[1:]):
        out += [bytes((0xFF, 0xD0 + n % 8)), row]
    out.append(b"\xff\xd9")
    return b"".join(out)


def _without_height(head: bytes, height: int) -> bytes | None:
    """`head` with its frame header's height blanked (so two cards' headers compare)."""
    sof = head.find(b"\xff\xc0")
    if sof < 0 or int.from_bytes(head[sof + 5 : sof + 7], "big") != height:
        return None
    return head[: sof + 5] + b"\0\0" + head[sof + 7 :]


def _whole(background: str, band, top: int):
    from PIL import Image

    im = Image.new("RGB", CARD_SIZE, background)
    im.paste(band, (0, top))
    return im


# Letters the card's font lacks, as the nearest it has (an accented letter loses its accent by itself).
_CARD_FALLBACK = {
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "•": "·",
    "×": "x",
    "÷": "/",
    "€": "EUR",
    "ß": "ss",
    "ø": "o",
    "Ø": "O",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "đ": "d",
    "Đ": "D",
    "ł": "l",
    "Ł": "L",
    "ı": "i",
    "®": "",
    "™": "",
    "\u00a0": " ",
}


def card_text(text: str) -> str:
    """`text` as the card can draw it. Pillow's bundled font has the ASCII letters and a few
    signs only ("Café – Kué" would show boxes for é and –): a letter it lacks is written without
    its accent or as the nearest it has ("Cafe - Kue"); anything else (emoji, other scripts) is
    left out."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if _drawable(ch):
            out.append(ch)
            continue
        near = _CARD_FALLBACK.get(ch)
        if near is None:
            near = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(near if all(_drawable(c) for c in near) else " ")
    return " ".join("".join(out).split())


@functools.lru_cache(maxsize=4096)
def _drawable(ch: str) -> bool:
    """Whether the card's font has a glyph for `ch` (a missing one draws as the font's box)."""
    if ch.isspace():
        return ch == " "
    font = _card_font(40)
    return bytes(font.getmask(ch)) != bytes(font.getmask("\ufffe"))


@functools.lru_cache(maxsize=4)
def _card_font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)
