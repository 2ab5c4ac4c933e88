#!/usr/bin/env python3
"""Draw the product photos and logos of the example sellers under sellers/.

The photos of the three example shops (batik-malon, dapur-bu-ning,
anyaman-sumber-rejeki) are not photographs: this script draws them as flat
product illustrations, so the repository carries no third-party images. They are
released under CC0 1.0 (public domain dedication) together with the project;
anyone may reuse them without asking or crediting.

Run from anywhere:  python scripts/draw_example_photos.py [--only SLUG] [--out DIR]
It uses only the standard library and Pillow, and every picture has its own fixed
random seed, so running it again gives the same pictures (given the same Pillow and
libjpeg). JPEGs are 1600x1200 (a few portrait 1200x1600), quality 82.

Photos that deliberately carry metadata, because the generator must apply the
orientation and strip everything (see DESIGN.md section 4):
  batik-malon/photos/kain-indigo-2.jpg            EXIF Orientation=6 (pixels stored turned 90 degrees
                                                  counter-clockwise, 1200x1600; upright 1600x1200 only
                                                  when the tag is applied) + phone Make/Model, DateTime
                                                  and a GPS IFD (a point in Gunungpati, Semarang)
  anyaman-sumber-rejeki/photos/tas-mendong-selempang-2.jpg
                                                  EXIF Orientation=8 (stored turned 90 degrees clockwise,
                                                  1200x1600) + Make/Model, DateTime and GPS (Rajapolah)
  dapur-bu-ning/photos/keripik-tempe.jpg          Orientation=1, phone Make/Model, DateTime + GPS (Laweyan, Solo)
  dapur-bu-ning/photos/rempeyek-kacang-2.jpg      Orientation=1, phone Make/Model and DateTime, no GPS
Every other photo has no EXIF at all. Logos are PNG (512x512, transparent corners).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
SS = 2  # drawn at twice the size, then scaled down: smooth edges
JPEG_QUALITY = 82
BICUBIC = Image.Resampling.BICUBIC
LANCZOS = Image.Resampling.LANCZOS


# --------------------------------------------------------------------------- helpers


def clamp(v, lo=0, hi=255):
    return lo if v < lo else hi if v > hi else v


def mix(c1, c2, t):
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c1, c2))


def shade(c, f):
    """Multiply a colour by f (f > 1 lightens towards white)."""
    if f <= 1:
        return tuple(int(clamp(v * f)) for v in c[:3])
    return mix(c[:3], (255, 255, 255), min(1.0, f - 1))


def jitter(c, rng, amt=10):
    return tuple(int(clamp(v + rng.uniform(-amt, amt))) for v in c[:3])


def rgba(c, a=255):
    return (c[0], c[1], c[2], a)


def ellipse_pts(cx, cy, rx, ry, ang=0.0, n=64, start=0.0, end=360.0):
    a = math.radians(ang)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for i in range(n + (0 if end - start >= 360 else 1)):
        t = math.radians(start + (end - start) * i / n)
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


def bezier(p0, p1, p2, p3, n=40):
    out = []
    for i in range(n + 1):
        t = i / n
        mt = 1 - t
        out.append(
            (
                mt**3 * p0[0] + 3 * mt * mt * t * p1[0] + 3 * mt * t * t * p2[0] + t**3 * p3[0],
                mt**3 * p0[1] + 3 * mt * mt * t * p1[1] + 3 * mt * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def quad_bezier(p0, p1, p2, n=30):
    out = []
    for i in range(n + 1):
        t = i / n
        mt = 1 - t
        out.append(
            (mt * mt * p0[0] + 2 * mt * t * p1[0] + t * t * p2[0], mt * mt * p0[1] + 2 * mt * t * p1[1] + t * t * p2[1])
        )
    return out


def blob(cx, cy, r, rng, irregular=0.18, n=20, squash=1.0, ang=0.0, smooth=2):
    """An irregular closed shape around (cx, cy)."""
    radii = [r * (1 + rng.uniform(-irregular, irregular)) for _ in range(n)]
    for _ in range(smooth):
        radii = [(radii[i - 1] + 2 * radii[i] + radii[(i + 1) % n]) / 4 for i in range(n)]
    a0 = math.radians(ang)
    pts = []
    for i, rr in enumerate(radii):
        t = 2 * math.pi * i / n
        x, y = rr * math.cos(t), rr * math.sin(t) * squash
        pts.append((cx + x * math.cos(a0) - y * math.sin(a0), cy + x * math.sin(a0) + y * math.cos(a0)))
    return pts


def scale_pts(pts, w, h, ox=0.0, oy=0.0):
    return [(ox + x * w, oy + y * h) for x, y in pts]


def poly_mask(size, pts, blur=0.8):
    m = Image.new("L", size, 0)
    ImageDraw.Draw(m).polygon(pts, fill=255)
    return m.filter(ImageFilter.GaussianBlur(blur)) if blur else m


def profile(length, stops, vertical=False, other=1):
    """A gradient image (L) along one axis; stops are (position 0..1, value 0..255)."""
    vals = []
    for i in range(length):
        t = i / max(1, length - 1)
        for (p0, v0), (p1, v1) in zip(stops, stops[1:]):
            if p0 <= t <= p1:
                k = 0 if p1 == p0 else (t - p0) / (p1 - p0)
                k = k * k * (3 - 2 * k)
                vals.append(int(v0 + (v1 - v0) * k))
                break
        else:
            vals.append(int(stops[-1][1] if t > stops[-1][0] else stops[0][1]))
    if vertical:
        im = Image.new("L", (1, length))
        im.putdata(vals)
        return im.resize((other, length))
    im = Image.new("L", (length, 1))
    im.putdata(vals)
    return im.resize((length, other))


def multiply(sprite, shade_l):
    """Darken an RGBA sprite by a grey image (255 = unchanged), keeping alpha."""
    rgb = sprite.convert("RGB")
    rgb = ImageChops.multiply(rgb, Image.merge("RGB", (shade_l,) * 3))
    out = rgb.convert("RGBA")
    out.putalpha(sprite.getchannel("A"))
    return out


def screen(sprite, light_l):
    rgb = ImageChops.screen(sprite.convert("RGB"), Image.merge("RGB", (light_l,) * 3))
    out = rgb.convert("RGBA")
    out.putalpha(sprite.getchannel("A"))
    return out


def with_mask(img, mask):
    out = img.convert("RGBA")
    out.putalpha(ImageChops.multiply(out.getchannel("A"), mask) if img.mode == "RGBA" else mask)
    return out


def edge_shade(mask, radius, strength):
    b = mask.filter(ImageFilter.GaussianBlur(radius))
    lut = [int(255 * (1 - strength * (1 - v / 255.0))) for v in range(256)]
    return b.point(lut)


def rotate_sprite(sprite, angle):
    if abs(angle) < 0.01:
        return sprite
    pre = sprite.convert("RGBa").rotate(angle, resample=BICUBIC, expand=True)
    return pre.convert("RGBA")


def solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def warp_to_quad(tex, quad, size):
    """Map the whole of `tex` onto the quad (tl, tr, br, bl) in an image of `size`."""
    tw, th = tex.size
    src = [(0, 0), (tw, 0), (tw, th), (0, th)]
    a, b = [], []
    for (x, y), (sx, sy) in zip(quad, src):
        a.append([x, y, 1, 0, 0, 0, -sx * x, -sx * y])
        b.append(sx)
        a.append([0, 0, 0, x, y, 1, -sy * x, -sy * y])
        b.append(sy)
    coeffs = solve(a, b)
    return tex.transform(size, Image.Transform.PERSPECTIVE, coeffs, BICUBIC)


def font(size):
    return ImageFont.load_default(size=max(8, int(size)))


def fit_font(text, max_w, size):
    f = font(size)
    while size > 10 and f.getlength(text) > max_w:
        size *= 0.92
        f = font(size)
    return f


def text_center(d, cx, y, text, f, fill, stroke=0):
    w = f.getlength(text)
    d.text((cx - w / 2, y), text, font=f, fill=fill, stroke_width=stroke, stroke_fill=fill)


def seed_of(name):
    return zlib.crc32(name.encode("utf-8"))


class Pen:
    """ImageDraw with real "over" blending of translucent colours on RGBA images.

    (ImageDraw on an RGBA image replaces pixels, alpha included, instead of blending.)
    """

    def __init__(self, img):
        self.img = img
        self.draw = ImageDraw.Draw(img)

    def _blend(self, fill, box, paint):
        x0, y0, x1, y1 = (
            int(math.floor(box[0])) - 2,
            int(math.floor(box[1])) - 2,
            int(math.ceil(box[2])) + 3,
            int(math.ceil(box[3])) + 3,
        )
        x0, y0 = max(x0, 0), max(y0, 0)
        x1, y1 = min(x1, self.img.width), min(y1, self.img.height)
        if x1 <= x0 or y1 <= y0:
            return
        m = Image.new("L", (x1 - x0, y1 - y0), 0)
        paint(ImageDraw.Draw(m), -x0, -y0)
        a = fill[3] if len(fill) > 3 else 255
        if a < 255:
            m = m.point([v * a // 255 for v in range(256)])
        tile = Image.new("RGBA", m.size, (fill[0], fill[1], fill[2], 255))
        tile.putalpha(m)
        if self.img.mode == "RGBA":
            self.img.alpha_composite(tile, (x0, y0))
        else:
            self.img.paste(tile, (x0, y0), tile)

    @staticmethod
    def _translucent(c):
        return c is not None and not isinstance(c, int) and len(c) > 3 and c[3] < 255

    @staticmethod
    def _pts(xy):
        if isinstance(xy[0], (int, float)):
            return [(xy[i], xy[i + 1]) for i in range(0, len(xy), 2)]
        return list(xy)

    def _shape(self, method, xy, fill=None, outline=None, width=1, **kw):
        pts = self._pts(xy)
        pad = width if outline is not None else 0
        box = (
            min(p[0] for p in pts) - pad,
            min(p[1] for p in pts) - pad,
            max(p[0] for p in pts) + pad,
            max(p[1] for p in pts) + pad,
        )
        for colour, as_outline in ((fill, False), (outline, True)):
            if colour is None:
                continue
            if not self._translucent(colour):
                if as_outline:
                    getattr(self.draw, method)(xy, outline=colour, width=width, **kw)
                else:
                    getattr(self.draw, method)(xy, fill=colour, **kw)
                continue

            def paint(d, dx, dy, as_outline=as_outline):
                moved = [(x + dx, y + dy) for x, y in pts]
                if method in ("ellipse", "rectangle", "rounded_rectangle"):
                    moved = [moved[0][0], moved[0][1], moved[1][0], moved[1][1]]
                if as_outline:
                    getattr(d, method)(moved, outline=255, width=width, **kw)
                else:
                    getattr(d, method)(moved, fill=255, **kw)

            self._blend(colour, box, paint)

    def polygon(self, xy, fill=None, outline=None, width=1):
        self._shape("polygon", xy, fill, outline, width)

    def ellipse(self, xy, fill=None, outline=None, width=1):
        self._shape("ellipse", xy, fill, outline, width)

    def rectangle(self, xy, fill=None, outline=None, width=1):
        self._shape("rectangle", xy, fill, outline, width)

    def rounded_rectangle(self, xy, radius=0, fill=None, outline=None, width=1):
        self._shape("rounded_rectangle", xy, fill, outline, width, radius=radius)

    def line(self, xy, fill=None, width=1, joint=None):
        if not self._translucent(fill):
            self.draw.line(xy, fill=fill, width=width, joint=joint)
            return
        pts = self._pts(xy)
        box = (
            min(p[0] for p in pts) - width,
            min(p[1] for p in pts) - width,
            max(p[0] for p in pts) + width,
            max(p[1] for p in pts) + width,
        )
        self._blend(
            fill, box, lambda d, dx, dy: d.line([(x + dx, y + dy) for x, y in pts], fill=255, width=width, joint=joint)
        )

    def text(self, xy, text, font=None, fill=None, stroke_width=0, stroke_fill=None):
        self.draw.text(xy, text, font=font, fill=fill, stroke_width=stroke_width, stroke_fill=stroke_fill)


# --------------------------------------------------------------------------- canvas

SHADOW = (58, 40, 24)


class Canvas:
    """A picture drawn at SS times its final size, on a soft background."""

    def __init__(self, w, h, rng, bg="linen", horizon=None):
        self.w, self.h = w, h
        self.W, self.H = w * SS, h * SS
        self.u = min(self.W, self.H) / 100.0
        self.rng = rng
        self.img = background(self.W, self.H, rng, bg, horizon)

    def shadow(self, alpha, pos, offset=(0, 0), blur=20, opacity=0.35, color=SHADOW, squash=None):
        layer = Image.new("L", (self.W, self.H), 0)
        a = alpha
        x, y = pos[0] + int(offset[0]), pos[1] + int(offset[1])
        if squash:
            # a cast shadow lying on the table: flatten it towards its base line
            h = max(1, int(a.height * squash))
            a = a.resize((a.width, h))
            y = pos[1] + alpha.height - h + int(offset[1])
        layer.paste(a, (x, y))
        layer = layer.filter(ImageFilter.GaussianBlur(blur))
        if opacity != 1:
            lut = [int(v * opacity) for v in range(256)]
            layer = layer.point(lut)
        self.img.paste(rgba(color), (0, 0, self.W, self.H), layer)

    def place(self, sprite, x, y, lying=True, strength=1.0):
        """Composite a sprite with a soft shadow (lying on the surface, or standing)."""
        x, y = int(x), int(y)
        a = sprite.getchannel("A")
        u = self.u
        if lying:
            self.shadow(a, (x, y), (u * 0.9, u * 1.3), u * 2.2, 0.30 * strength)
            self.shadow(a, (x, y), (u * 0.2, u * 0.35), u * 0.45, 0.28 * strength)
        else:
            self.shadow(a, (x, y), (u * 2.5, u * 0.5), u * 3.0, 0.22 * strength, squash=0.16)
            self.shadow(a, (x, y), (u * 0.4, 0), u * 0.6, 0.45 * strength, squash=0.035)
        self.img.alpha_composite(sprite, (x, y))

    def finish(self):
        out = self.img.convert("RGB").resize((self.w, self.h), LANCZOS)
        out = out.filter(ImageFilter.GaussianBlur(0.35))  # a phone lens is never razor sharp
        return out


BACKGROUNDS = {
    # top (wall or far table), bottom (near), table colour for room scenes
    "linen": ((242, 236, 226), (226, 216, 200)),
    "peach": ((246, 230, 216), (232, 208, 190)),
    "sage": ((234, 236, 224), (214, 218, 200)),
    "sand": ((240, 230, 212), (222, 204, 178)),
    "wood": ((214, 184, 148), (190, 154, 114)),
    "cream": ((246, 240, 228), (232, 222, 204)),
    "mist": ((232, 236, 238), (212, 218, 220)),
}
TABLES = {
    "linen": (220, 206, 186),
    "peach": (222, 196, 172),
    "sage": (206, 206, 184),
    "sand": (212, 190, 158),
    "cream": (226, 210, 184),
    "mist": (208, 208, 200),
    "wood": (176, 134, 94),
}


def background(W, H, rng, name, horizon):
    top, bottom = BACKGROUNDS[name]
    top, bottom = jitter(top, rng, 4), jitter(bottom, rng, 4)
    col = []
    if horizon is None:
        for y in range(H):
            col.append(mix(top, bottom, (y / H) ** 1.2))
    else:
        hz = int(H * horizon)
        table = jitter(TABLES[name], rng, 4)
        table_far = shade(table, 1.06)
        table_near = shade(table, 0.93)
        for y in range(H):
            if y < hz:
                col.append(mix(top, bottom, y / hz))
            else:
                col.append(mix(table_far, table_near, (y - hz) / max(1, H - hz)))
    strip = Image.new("RGB", (1, H))
    strip.putdata(col)
    img = strip.resize((W, H))
    if horizon is not None:
        hz = int(H * horizon)
        # soft line where the table meets the wall, and the table's lit front edge
        d = Pen(img)
        d.rectangle((0, hz - H * 0.004, W, hz + H * 0.002), fill=(0, 0, 0, 22))
        img = img.filter(ImageFilter.GaussianBlur(H * 0.0025))
        if name == "wood":
            img = wood_grain(img, rng, hz)
    elif name == "wood":
        img = wood_grain(img, rng, 0)
    # window light from the upper left, gentle vignette
    light = Image.radial_gradient("L").resize((int(W * 1.6), int(H * 1.6)))
    light = ImageOps.invert(light)
    lx, ly = int(-W * 0.45 + rng.uniform(-W * 0.05, W * 0.05)), int(-H * 0.55)
    lmask = Image.new("L", (W, H), 0)
    lmask.paste(light, (lx, ly))
    lmask = lmask.point([int(v * 0.32) for v in range(256)])
    img.paste((255, 250, 240), (0, 0, W, H), lmask)
    vig = Image.radial_gradient("L").resize((int(W * 1.25), int(H * 1.25)))
    vmask = vig.crop((int(W * 0.125), int(H * 0.125), int(W * 1.125), int(H * 1.125)))
    vmask = vmask.point([int(max(0, v - 150) * 0.22) for v in range(256)])
    img.paste((60, 45, 30), (0, 0, W, H), vmask)
    return img.convert("RGBA")


def wood_grain(img, rng, y0):
    W, H = img.size
    layer = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    plank = H * 0.19
    y = y0 + rng.uniform(0, plank)
    while y < H:
        d.line((0, y, W, y), fill=(70, 40, 20, 70), width=int(H * 0.003))
        y += plank * rng.uniform(0.85, 1.15)
    for _ in range(45):
        yy = rng.uniform(y0, H)
        amp = rng.uniform(2, H * 0.01)
        ph = rng.uniform(0, 6.28)
        k = rng.uniform(1.5, 4) / W * 6.28
        pts = [(x, yy + amp * math.sin(k * x + ph)) for x in range(0, W + 40, 40)]
        d.line(pts, fill=(90, 55, 25, rng.randint(10, 26)), width=int(rng.uniform(2, 6)))
    layer = layer.filter(ImageFilter.GaussianBlur(3))
    base = img.convert("RGBA")
    base.alpha_composite(layer)
    return base.convert("RGB")


# --------------------------------------------------------------------------- batik textures

INDIGO = dict(bg=(28, 45, 80), fill=(58, 88, 132), line=(212, 218, 220), dot=(132, 156, 186), inner=(36, 58, 98))
INDIGO_LIGHT = dict(
    bg=(58, 92, 138), fill=(98, 132, 170), line=(226, 230, 228), dot=(182, 198, 214), inner=(70, 106, 150)
)
TINGI = dict(bg=(108, 48, 32), fill=(158, 86, 50), line=(238, 218, 184), dot=(206, 156, 106), inner=(128, 60, 38))
MAHONI = dict(bg=(134, 74, 50), fill=(186, 126, 82), line=(242, 228, 200), dot=(216, 172, 82), inner=(150, 88, 58))
SOGA_INDIGO = dict(bg=(30, 44, 74), fill=(140, 82, 48), line=(232, 216, 186), dot=(196, 152, 96), inner=(104, 58, 36))


def crackle(img, rng, n, color, alpha=40):
    """Fine dye cracks (remukan) where the wax broke."""
    d = Pen(img)
    W, H = img.size
    for _ in range(n):
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        ang = rng.uniform(0, 6.28)
        pts = [(x, y)]
        for _ in range(rng.randint(4, 12)):
            ang += rng.uniform(-0.9, 0.9)
            step = rng.uniform(W * 0.006, W * 0.02)
            x, y = x + math.cos(ang) * step, y + math.sin(ang) * step
            pts.append((x, y))
        d.line(pts, fill=rgba(color, alpha), width=max(1, int(W / 1400)))


def tex_kawung(w, h, cell, p, rng):
    img = Image.new("RGB", (w, h), p["bg"])
    d = ImageDraw.Draw(img)
    lw = max(2, int(cell * 0.03))
    off = rng.uniform(0, cell)
    for j in range(-1, int(h / cell) + 2):
        for i in range(-1, int(w / cell) + 2):
            cx, cy = i * cell + off, j * cell + off
            for k in range(4):
                ang = 45 + 90 * k
                a = math.radians(ang)
                ox, oy = cx + math.cos(a) * cell * 0.36, cy + math.sin(a) * cell * 0.36
                d.polygon(
                    ellipse_pts(ox, oy, cell * 0.33, cell * 0.205, ang, 40), fill=p["fill"], outline=p["line"], width=lw
                )
                d.polygon(
                    ellipse_pts(ox, oy, cell * 0.17, cell * 0.07, ang, 28),
                    fill=p["inner"],
                    outline=p["line"],
                    width=max(1, lw // 2),
                )
                for q in ellipse_pts(ox, oy, cell * 0.255, cell * 0.135, ang, 5):
                    r = lw * 0.75
                    d.ellipse((q[0] - r, q[1] - r, q[0] + r, q[1] + r), fill=p["dot"])
            r = cell * 0.045
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p["line"])
            # the little four-point ornament in the gaps
            for gx, gy in ((cx + cell / 2, cy), (cx, cy + cell / 2)):
                for k in range(4):
                    a = math.radians(90 * k)
                    qx, qy = gx + math.cos(a) * cell * 0.07, gy + math.sin(a) * cell * 0.07
                    r = cell * 0.028
                    d.ellipse((qx - r, qy - r, qx + r, qy + r), fill=p["dot"])
    crackle(img, rng, int(w * h / (cell * cell) * 0.5), shade(p["bg"], 0.6), 60)
    return img


def tex_parang(w, h, band, p, rng):
    """Parang: diagonal rows of interlocking S-shaped blades, separated by a row of lozenges."""
    D = int(math.hypot(w, h)) + band * 2
    img = Image.new("RGB", (D, D), p["bg"])
    d = ImageDraw.Draw(img)
    lw = max(2, int(band * 0.03))
    sep = band * 0.22
    y = -band
    row = 0
    while y < D:
        step = band * 0.5
        x = -step * 2 + (row % 2) * step * 0.5
        cy = y + band * 0.5
        while x < D + step:
            # one blade: an S made of two arcs, fat in the middle, hooked at both ends
            pts = []
            for i in range(25):
                t = i / 24
                px_ = x + (t - 0.5) * band * 0.52 + math.sin(t * math.pi * 2) * band * 0.1
                py_ = cy + (t - 0.5) * band * 0.92
                wdt = band * 0.19 * math.sin(t * math.pi) ** 0.6
                pts.append((px_ - wdt, py_ - wdt * 0.25))
            back = []
            for i in range(25):
                t = 1 - i / 24
                px_ = x + (t - 0.5) * band * 0.52 + math.sin(t * math.pi * 2) * band * 0.1
                py_ = cy + (t - 0.5) * band * 0.92
                wdt = band * 0.19 * math.sin(t * math.pi) ** 0.6
                back.append((px_ + wdt, py_ + wdt * 0.25))
            d.polygon(pts + back, fill=p["fill"], outline=p["line"], width=lw)
            mid = [
                (
                    x + (t / 12 - 0.5) * band * 0.36 + math.sin(t / 12 * math.pi * 2) * band * 0.04,
                    cy + (t / 12 - 0.5) * band * 0.6,
                )
                for t in range(13)
            ]
            d.line(mid, fill=p["line"], width=max(1, lw // 2))
            r = band * 0.03
            for k in (-0.28, 0.0, 0.28):
                qx, qy = x + step * 0.5 + k * band * 0.15, cy + k * band * 0.9
                d.ellipse((qx - r, qy - r, qx + r, qy + r), fill=p["dot"])
            x += step
        y0 = y + band
        d.rectangle((0, y0, D, y0 + sep), fill=p["line"])
        k = sep * 0.72
        xx = 0.0
        while xx < D:
            d.polygon(
                [
                    (xx, y0 + sep / 2 - k / 2),
                    (xx + k * 0.6, y0 + sep / 2),
                    (xx, y0 + sep / 2 + k / 2),
                    (xx - k * 0.6, y0 + sep / 2),
                ],
                fill=p["inner"],
            )
            xx += k * 1.6
        y += band + sep
        row += 1
    img = img.rotate(45, resample=BICUBIC)
    l, t = (D - w) // 2, (D - h) // 2
    img = img.crop((l, t, l + w, t + h))
    crackle(img, rng, int(w * h / (band * band) * 0.3), shade(p["bg"], 0.6), 50)
    return img


def tex_ceplok(w, h, cell, p, rng):
    img = Image.new("RGB", (w, h), p["bg"])
    d = ImageDraw.Draw(img)
    lw = max(2, int(cell * 0.028))
    off = rng.uniform(0, cell)
    for j in range(-1, int(h / cell) + 2):
        for i in range(-1, int(w / cell) + 2):
            cx, cy = i * cell + off, j * cell + off
            # square frame of dots
            for k in range(8):
                ang = k * 45 + 22.5
                a = math.radians(ang)
                ox, oy = cx + math.cos(a) * cell * 0.2, cy + math.sin(a) * cell * 0.2
                d.polygon(
                    ellipse_pts(ox, oy, cell * 0.19, cell * 0.085, ang, 32), fill=p["fill"], outline=p["line"], width=lw
                )
                d.line(
                    [
                        (cx + math.cos(a) * cell * 0.1, cy + math.sin(a) * cell * 0.1),
                        (cx + math.cos(a) * cell * 0.3, cy + math.sin(a) * cell * 0.3),
                    ],
                    fill=p["line"],
                    width=max(1, lw // 2),
                )
            r = cell * 0.085
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p["dot"], outline=p["line"], width=lw)
            r = cell * 0.03
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p["inner"])
            gx, gy = cx + cell / 2, cy + cell / 2
            for k in range(4):
                a = math.radians(90 * k)
                d.polygon(
                    ellipse_pts(
                        gx + math.cos(a) * cell * 0.08,
                        gy + math.sin(a) * cell * 0.08,
                        cell * 0.075,
                        cell * 0.035,
                        90 * k,
                        20,
                    ),
                    fill=p["dot"],
                )
            for k in range(4):
                a = math.radians(90 * k + 45)
                for s in (0.36, 0.42):
                    qx, qy = cx + math.cos(a) * cell * s, cy + math.sin(a) * cell * s
                    r = lw * 0.9
                    d.ellipse((qx - r, qy - r, qx + r, qy + r), fill=p["line"])
    crackle(img, rng, int(w * h / (cell * cell) * 0.5), shade(p["bg"], 0.6), 50)
    return img


def tex_lereng(w, h, band, p, rng):
    """Diagonal stripes with small flowers: a light motif for silk scarves."""
    D = int(math.hypot(w, h)) + band * 2
    img = Image.new("RGB", (D, D), p["bg"])
    d = ImageDraw.Draw(img)
    y = 0.0
    row = 0
    while y < D:
        if row % 2 == 0:
            d.rectangle((0, y, D, y + band * 0.45), fill=p["fill"])
            d.line((0, y, D, y), fill=p["line"], width=max(2, int(band * 0.04)))
            d.line((0, y + band * 0.45, D, y + band * 0.45), fill=p["line"], width=max(2, int(band * 0.04)))
            x = (row * band * 0.3) % (band * 0.6)
            while x < D:
                cx, cy = x, y + band * 0.225
                for k in range(4):
                    a = math.radians(90 * k + 45)
                    qx, qy = cx + math.cos(a) * band * 0.07, cy + math.sin(a) * band * 0.07
                    r = band * 0.05
                    d.ellipse((qx - r, qy - r, qx + r, qy + r), fill=p["dot"])
                x += band * 0.6
        else:
            x = 0.0
            while x < D:
                r = band * 0.03
                d.ellipse((x - r, y + band * 0.22 - r, x + r, y + band * 0.22 + r), fill=p["dot"])
                x += band * 0.2
        y += band * 0.7
        row += 1
    img = img.rotate(30, resample=BICUBIC)
    l, t = (D - w) // 2, (D - h) // 2
    return img.crop((l, t, l + w, t + h))


def tex_jumputan(w, h, cell, p, rng):
    img = Image.new("RGB", (w, h), p["bg"])
    d = ImageDraw.Draw(img)
    for j in range(-1, int(h / (cell * 0.87)) + 2):
        for i in range(-1, int(w / cell) + 2):
            cx = i * cell + (j % 2) * cell / 2 + rng.uniform(-cell * 0.06, cell * 0.06)
            cy = j * cell * 0.87 + rng.uniform(-cell * 0.06, cell * 0.06)
            r = cell * rng.uniform(0.17, 0.21)
            d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=p["line"], width=int(cell * 0.07))
            r2 = cell * 0.05
            d.ellipse((cx - r2, cy - r2, cx + r2, cy + r2), fill=p["dot"])
            for k in range(6):
                a = math.radians(60 * k + rng.uniform(-10, 10))
                d.line(
                    (
                        cx + math.cos(a) * r * 0.5,
                        cy + math.sin(a) * r * 0.5,
                        cx + math.cos(a) * r * 1.25,
                        cy + math.sin(a) * r * 1.25,
                    ),
                    fill=p["dot"],
                    width=max(1, int(cell * 0.015)),
                )
    img = img.filter(ImageFilter.GaussianBlur(cell * 0.03))
    ombre = profile(h, [(0, 255), (1, 200)], vertical=True, other=w)
    return ImageChops.multiply(img, Image.merge("RGB", (ombre,) * 3))


def tex_plain(w, h, color, rng, lines=True):
    """Plain dyed cloth with a faint weave."""
    img = Image.new("RGB", (w, h), color)
    if lines:
        d = Pen(img)
        for y in range(0, h, 7):
            d.line((0, y, w, y), fill=(0, 0, 0, rng.randint(4, 12)))
    return img


def tex_gingham(w, h, cell, color):
    img = Image.new("RGB", (w, h), (250, 248, 244))
    d = Pen(img)
    for x in range(0, w, cell * 2):
        d.rectangle((x, 0, x + cell, h), fill=rgba(color, 130))
    for y in range(0, h, cell * 2):
        d.rectangle((0, y, w, y + cell), fill=rgba(color, 130))
    return img


BATIK = {
    "kawung": tex_kawung,
    "parang": tex_parang,
    "ceplok": tex_ceplok,
    "lereng": tex_lereng,
    "jumputan": tex_jumputan,
}


def batik(kind, w, h, scale, pal, rng):
    return BATIK[kind](int(w), int(h), int(scale), pal, rng)


# --------------------------------------------------------------------------- woven textures


def strand_sprite(cw, ch, horizontal, round_=False, gap=0.12, floor=0.42, gap_val=40):
    """Shading of one strand crossing one cell of a weave (L)."""
    im = Image.new("L", (cw, ch))
    px = []
    for y in range(ch):
        for x in range(cw):
            a = (y + 0.5) / ch if horizontal else (x + 0.5) / cw
            b = (x + 0.5) / cw if horizontal else (y + 0.5) / ch
            # strands leave a small gap between them
            a2 = (a - gap / 2) / (1 - gap)
            if a2 <= 0 or a2 >= 1:
                px.append(gap_val)
                continue
            across = math.sin(math.pi * a2) ** (0.9 if round_ else 0.35)
            along = 1 - (0.55 if round_ else 0.3) * abs(b - 0.5) ** 2.2 * 4
            px.append(int(255 * (floor + (1 - floor) * across) * along))
    im.putdata(px)
    return im


def weave(w, h, cw, ch, color_of, diagonal=False, round_=False, gap=0.12, stake=None, floor=0.42, gap_val=40):
    """A plain over-under weave; color_of(col, row, horizontal) gives each strand's colour."""
    if diagonal:
        D = int(math.hypot(w, h)) + 2 * max(cw, ch)
        tw, th = D, D
    else:
        tw, th = w, h
    nx, ny = tw // cw + 2, th // ch + 2
    hs = strand_sprite(cw, ch, True, round_, gap, floor, gap_val)
    vs = strand_sprite(cw, ch, False, round_, gap, floor, gap_val) if stake is None else stake
    struct = Image.new("L", (nx * cw, ny * ch))
    colors = Image.new("RGB", (nx, ny))
    cols = []
    for j in range(ny):
        for i in range(nx):
            horizontal = (i + j) % 2 == 0
            struct.paste(hs if horizontal else vs, (i * cw, j * ch))
            cols.append(color_of(i, j, horizontal))
    colors.putdata(cols)
    colors = colors.resize((nx * cw, ny * ch), Image.Resampling.NEAREST)
    img = ImageChops.multiply(colors, Image.merge("RGB", (struct,) * 3))
    if diagonal:
        img = img.crop((0, 0, tw, th)).rotate(45, resample=BICUBIC)
        l, t = (tw - w) // 2, (th - h) // 2
        return img.crop((l, t, l + w, t + h))
    return img.crop((0, 0, w, h))


def mendong_weave(w, h, ch, cw, base, rng, stripes=(), stripe_color=None):
    """Fine rush (mendong) strands, horizontal, tied by thin warp cords."""
    img = Image.new("RGB", (w, h), shade(base, 0.5))
    d = ImageDraw.Draw(img)
    sprite = strand_sprite(64, ch, True, round_=True, gap=0.1, floor=0.6, gap_val=110).resize((cw, ch))
    row = 0
    y = 0
    while y < h:
        # rush dries from straw to sage; vary it, but never shift its hue to pink
        sage = (int(base[0] * 0.9), base[1], int(base[2] * 0.85))
        c = shade(mix(base, sage, rng.uniform(0, 0.5)), rng.uniform(0.88, 1.07))
        if stripe_color is not None and any(a <= row % 40 < b for a, b in stripes):
            c = jitter(stripe_color, rng, 8)
        rowimg = Image.new("RGB", (w, ch), c)
        off = (row % 2) * cw // 2
        st = Image.new("L", (w + cw, ch))
        for x in range(-cw, w + cw, cw):
            st.paste(sprite, (x + off, 0))
        rowimg = ImageChops.multiply(rowimg, Image.merge("RGB", (st.crop((0, 0, w, ch)),) * 3))
        img.paste(rowimg, (0, y))
        y += ch
        row += 1
    # warp cords
    for x in range(0, w, cw):
        for yy in range(0, h, ch * 2):
            d.line((x, yy, x, yy + ch), fill=shade(base, 0.62), width=max(2, cw // 16))
    return img


def rattan_weave(w, h, cw, ch, base, rng):
    stake = Image.new("L", (cw, ch), 90)
    ImageDraw.Draw(stake).rounded_rectangle((cw * 0.3, -2, cw * 0.7, ch + 2), radius=cw * 0.2, fill=190)
    stake = stake.filter(ImageFilter.GaussianBlur(cw * 0.06))

    def color_of(i, j, horizontal):
        return shade(base if horizontal else shade(base, 0.9), rng.uniform(0.86, 1.1))

    return weave(w, h, cw, ch, color_of, round_=True, gap=0.12, stake=stake, floor=0.55, gap_val=90)


def pandan_weave(w, h, cell, base, rng, diagonal=False, stripe=None, stripe_rows=()):
    def color_of(i, j, horizontal):
        c = base
        if stripe is not None and horizontal and j in stripe_rows:
            c = stripe
        return shade(c, rng.uniform(0.9, 1.06))

    return weave(w, h, cell, cell, color_of, diagonal=diagonal, gap=0.05, floor=0.7, gap_val=120)


# --------------------------------------------------------------------------- cloth objects


def folded_cloth(tex, w, d, t, layers=6, tilt=0.07, crease=True):
    """A folded cloth seen from the front and above: patterned top, folded edge in front."""
    w, d, t = int(w), int(d), int(t)
    size = (w, d + t)
    inset = w * tilt
    quad = [(inset, 0), (w - inset, 0), (w, d), (0, d)]
    th = int(d * 1.25)
    top = warp_to_quad(tex.crop((0, 0, min(tex.width, w), min(tex.height, th))), quad, size).convert("RGBA")
    mask = Image.new("L", size, 0)
    md = ImageDraw.Draw(mask)
    md.polygon(quad, fill=255)
    top.putalpha(mask)
    sh = edge_shade(mask, w * 0.025, 0.35)
    light = profile(w, [(0, 255), (0.5, 246), (1, 222)], other=size[1])
    sh = ImageChops.multiply(sh, light)
    if crease:
        cd = ImageDraw.Draw(sh)
        cy = d * 0.42
        cd.line((inset * 0.6, cy, w - inset * 0.6, cy), fill=200, width=max(2, int(d * 0.012)))
        sh = sh.filter(ImageFilter.GaussianBlur(d * 0.012))
    top = multiply(top, sh)
    # folded front edge: compressed pattern, one rounded band per layer
    front_src = tex.crop((0, tex.height - t * 3, min(tex.width, w), tex.height)).resize((w, t))
    front = Image.new("RGBA", size, (0, 0, 0, 0))
    front.paste(front_src, (0, d))
    fmask = Image.new("L", size, 0)
    ImageDraw.Draw(fmask).rounded_rectangle((0, d - t * 0.05, w, d + t), radius=t * 0.35, fill=255)
    front.putalpha(fmask)
    lay = Image.new("L", (1, t))
    vals = []
    lh = t / layers
    for y in range(t):
        k = (y % lh) / lh
        vals.append(int(255 * (0.95 - 0.42 * k**1.6)))
    lay.putdata(vals)
    lay = lay.resize((w, t))
    fsh = Image.new("L", size, 255)
    fsh.paste(lay, (0, d))
    fsh = ImageChops.multiply(fsh, profile(w, [(0, 215), (0.1, 250), (0.8, 238), (1, 195)], other=size[1]))
    front = multiply(front, fsh)
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    out.alpha_composite(front)
    out.alpha_composite(top)
    return out


def hanging_cloth(tex, w, h, waves, rng, hem=0.03, fringe=0.0, fold_depth=0.55, phase=None):
    """Cloth hanging in soft vertical folds: pattern squeezed in the folds, hem follows them."""
    w, h = int(w), int(h)
    phase = rng.uniform(0, 6.28) if phase is None else phase
    fl = int(h * fringe)
    H = int(h * (1 + hem)) + fl + 4
    sw = 4
    k = 2 * math.pi * waves / w
    A = fold_depth

    def u(x):
        return x + A * math.sin(k * x + phase) / k * 0.9

    span = u(w) - u(0) + 2
    tex = tex.resize((max(tex.width, int(span) + 4), max(tex.height, H))) if tex.width < span else tex
    mesh = []
    u0base = u(0)
    for x in range(0, w, sw):
        a, b = u(x) - u0base + 1, u(min(w, x + sw)) - u0base + 1
        mesh.append(((x, 0, min(w, x + sw), H), (a, 0, a, H, b, H, b, 0)))
    img = tex.transform((w, H), Image.Transform.MESH, mesh, BICUBIC).convert("RGBA")
    shade_l = Image.new("L", (w, H), 255)
    sd = ImageDraw.Draw(shade_l)
    for x in range(w):
        th = k * x + phase
        b = 0.7 + 0.3 * math.sin(th + 0.9) - 0.16 * max(0.0, math.cos(th)) ** 6
        sd.line((x, 0, x, H), fill=int(255 * clamp(b, 0, 1)))
    img = multiply(img, shade_l)
    # a soft sheen along the ridges of the folds
    sheen = Image.new("L", (w, H), 0)
    sd = ImageDraw.Draw(sheen)
    for x in range(w):
        v = max(0.0, math.sin(k * x + phase + 0.9)) ** 8
        sd.line((x, 0, x, H), fill=int(60 * v))
    img = screen(img, sheen)
    pts = [(0, 0), (w, 0)]
    for x in range(w, -1, -8):
        pts.append((x, h + h * hem * (0.5 + 0.5 * math.sin(k * x + phase + 1.6))))
    mask = poly_mask((w, H), pts, 0.8)
    img.putalpha(mask)
    if fl:
        d = ImageDraw.Draw(img)
        base = tex.getpixel((tex.width // 2, 2))
        for x in range(2, w - 2, max(3, w // 90)):
            yb = h + h * hem * (0.5 + 0.5 * math.sin(k * x + phase + 1.6)) - 2
            ln = fl * rng.uniform(0.75, 1.0)
            dx = rng.uniform(-fl * 0.08, fl * 0.08)
            th = k * x + phase
            c = shade(base, 0.8 + 0.25 * math.sin(th + 0.9))
            d.line((x, yb, x + dx, yb + ln), fill=rgba(c), width=max(2, w // 260))
    return img


def bamboo_rod(length, thick, rng):
    img = Image.new("RGBA", (int(length), int(thick)), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, length, thick), radius=thick / 2, fill=(196, 164, 98, 255))
    sh = profile(int(thick), [(0, 200), (0.3, 255), (0.6, 235), (1, 150)], vertical=True, other=int(length))
    img = multiply(img, sh)
    d = Pen(img)
    x = rng.uniform(length * 0.1, length * 0.25)
    while x < length - thick:
        d.line((x, 0, x, thick), fill=(110, 80, 40, 170), width=max(2, int(thick * 0.12)))
        d.line(
            (x + thick * 0.15, 0, x + thick * 0.15, thick), fill=(236, 214, 160, 90), width=max(1, int(thick * 0.06))
        )
        x += length * rng.uniform(0.28, 0.4)
    return img


def garment(tex, w, h, kind, rng, accent_line=None):
    """A flat-lay shirt ('kemeja') or blouse ('blus'), patterned with tex."""
    w, h = int(w), int(h)
    size = (w, h)
    if kind == "kemeja":
        left = [(0.40, 0.04), (0.20, 0.09), (0.02, 0.31), (0.12, 0.41), (0.245, 0.32), (0.245, 0.955)]
        hem = [(0.30, 0.975), (0.40, 0.985), (0.5, 0.99)]
    else:
        left = [
            (0.40, 0.05),
            (0.22, 0.085),
            (0.13, 0.2),
            (0.02, 0.53),
            (0.135, 0.57),
            (0.27, 0.3),
            (0.285, 0.56),
            (0.22, 0.96),
        ]
        hem = [(0.3, 0.975), (0.4, 0.985), (0.5, 0.99)]
    right = [(1 - x, y) for x, y in reversed(left)]
    hem_r = [(1 - x, y) for x, y in reversed(hem[:-1])]
    if kind == "kemeja":
        neck = [(0.5, 0.025)]
    else:
        neck = [(0.5 + 0.1 * math.cos(t), 0.05 + 0.07 * math.sin(t)) for t in [math.pi * i / 12 for i in range(1, 12)]]
        neck = list(reversed(neck))
    pts = scale_pts(left + hem + hem_r + right + neck, w, h)
    mask = poly_mask(size, pts, 1.0)
    body = tex.crop((0, 0, w, h)).convert("RGBA")
    body.putalpha(mask)
    sh = edge_shade(mask, w * 0.02, 0.3)
    # soft wrinkles
    wr = Image.new("L", size, 255)
    wd = ImageDraw.Draw(wr)
    for _ in range(7):
        x0, y0 = rng.uniform(0.2, 0.8) * w, rng.uniform(0.3, 0.9) * h
        ang = rng.uniform(-0.6, 0.6) + math.pi / 2
        ln = rng.uniform(0.1, 0.25) * h
        wd.line(
            (x0, y0, x0 + math.cos(ang) * ln, y0 + math.sin(ang) * ln), fill=rng.choice([222, 232]), width=int(w * 0.02)
        )
    wr = wr.filter(ImageFilter.GaussianBlur(w * 0.018))
    sh = ImageChops.multiply(sh, wr)
    body = multiply(body, sh)
    avg = tex.resize((1, 1)).getpixel((0, 0))
    dark = rgba(shade(avg, 0.45), 200)
    if kind != "kemeja":
        # the inside of the back, seen through the neck opening
        inside = Image.new("RGBA", size, (0, 0, 0, 0))
        Pen(inside).ellipse((0.395 * w, 0.025 * h, 0.605 * w, 0.125 * h), fill=rgba(shade(avg, 0.55)))
        inside.alpha_composite(body)
        body = inside
    d = Pen(body)
    seam = dark
    lw = max(2, int(w * 0.004))
    px = lambda p: (p[0] * w, p[1] * h)  # noqa: E731
    if kind == "kemeja":
        # sleeve seams and hems
        for side in (1, -1):
            f = (lambda p: p) if side == 1 else (lambda p: (1 - p[0], p[1]))
            d.line([px(f((0.20, 0.09))), px(f((0.215, 0.2))), px(f((0.245, 0.32)))], fill=seam, width=lw)
            a, b = f((0.02, 0.31)), f((0.12, 0.41))
            dx, dy = (0.035 if side == 1 else -0.035), -0.025
            d.line([px((a[0] + dx, a[1] + dy)), px((b[0] + dx, b[1] + dy))], fill=seam, width=lw)
        # pocket
        pk = [(0.29, 0.37), (0.42, 0.37), (0.42, 0.505), (0.355, 0.525), (0.29, 0.505)]
        d.line([px(p) for p in pk + [pk[0]]], fill=dark, width=lw)
        d.line([px((0.29, 0.39)), px((0.42, 0.39))], fill=dark, width=lw)
        # placket and buttons
        d.line([px((0.48, 0.13)), px((0.48, 0.985))], fill=dark, width=lw)
        d.line([px((0.52, 0.13)), px((0.52, 0.985))], fill=(255, 255, 255, 40), width=lw)
        for by in (0.2, 0.33, 0.46, 0.59, 0.72, 0.85):
            cx, cy = px((0.5, by))
            r = w * 0.0125
            d.ellipse((cx - r + 2, cy - r + 3, cx + r + 2, cy + r + 3), fill=(0, 0, 0, 70))
            d.ellipse(
                (cx - r, cy - r, cx + r, cy + r),
                fill=(112, 78, 52, 255),
                outline=(70, 46, 30, 255),
                width=max(1, lw // 2),
            )
            for hx, hy in ((-0.3, -0.3), (0.3, 0.3), (-0.3, 0.3), (0.3, -0.3)):
                rr = r * 0.14
                d.ellipse(
                    (cx + hx * r - rr, cy + hy * r - rr, cx + hx * r + rr, cy + hy * r + rr), fill=(50, 32, 20, 255)
                )
        # collar: inner band and two wings
        d.polygon(
            [px(p) for p in [(0.4, 0.04), (0.6, 0.04), (0.575, 0.085), (0.425, 0.085)]],
            fill=rgba(shade(tex.getpixel((5, 5)), 0.6)),
        )
        out = body
        for wing in (
            [(0.39, 0.028), (0.5, 0.13), (0.445, 0.185), (0.345, 0.075)],
            [(0.61, 0.028), (0.5, 0.13), (0.555, 0.185), (0.655, 0.075)],
        ):
            wp = [px(p) for p in wing]
            wm = poly_mask(size, wp, 1.0)
            shadow = Image.new("RGBA", size, (0, 0, 0, 0))
            shadow.paste((0, 0, 0, 255), (0, 0), wm)
            shadow = shadow.filter(ImageFilter.GaussianBlur(w * 0.008))
            shadow.putalpha(shadow.getchannel("A").point(lambda v: v * 0.45))
            out.alpha_composite(shadow, (int(w * 0.004), int(h * 0.008)))
            wl = tex.crop((int(w * 0.3), 0, int(w * 0.3) + w, h)).convert("RGBA")
            wl.putalpha(wm)
            wl = multiply(wl, edge_shade(wm, w * 0.01, 0.25))
            out.alpha_composite(wl)
            Pen(out).line(wp + [wp[0]], fill=dark, width=lw)
        return out
    # blouse: neckline piping, sleeve hems, tie belt
    line_c = rgba(accent_line or (236, 222, 196))
    d.line(
        [
            px(p)
            for p in [(0.4, 0.05)]
            + [(0.5 - 0.1 * math.cos(t), 0.05 + 0.07 * math.sin(t)) for t in [math.pi * i / 12 for i in range(1, 12)]]
            + [(0.6, 0.05)]
        ],
        fill=line_c,
        width=int(w * 0.012),
    )
    for side in (1, -1):
        f = (lambda p: p) if side == 1 else (lambda p: (1 - p[0], p[1]))
        a, b = f((0.02, 0.53)), f((0.135, 0.57))
        d.line([px(a), px(b)], fill=line_c, width=int(w * 0.01))
    belt = [(0.28, 0.545), (0.72, 0.545), (0.72, 0.585), (0.28, 0.585)]
    bm = poly_mask(size, [px(p) for p in belt], 0.8)
    belt_c = shade(avg, 0.62)
    bl = Image.new("RGBA", size, rgba(belt_c))
    bl.putalpha(bm)
    bl = multiply(bl, profile(h, [(0, 255), (0.545, 255), (0.57, 225), (0.585, 190), (1, 190)], vertical=True, other=w))
    body.alpha_composite(bl)
    d.line([px((0.285, 0.545)), px((0.715, 0.545))], fill=dark, width=lw)
    d.line([px((0.285, 0.585)), px((0.715, 0.585))], fill=dark, width=lw)
    # bow
    cx, cy = px((0.6, 0.565))
    for ang, ln in ((-25, 0.07), (205, 0.07)):
        loop = ellipse_pts(
            cx + math.cos(math.radians(ang)) * w * ln * 0.8,
            cy + math.sin(math.radians(ang)) * w * ln * 0.8,
            w * ln,
            w * 0.03,
            ang,
            40,
        )
        lm = poly_mask(size, loop, 0.8)
        ll = Image.new("RGBA", size, rgba(belt_c))
        ll.putalpha(lm)
        ll = multiply(ll, edge_shade(lm, w * 0.01, 0.45))
        body.alpha_composite(ll)
        Pen(body).line(loop + [loop[0]], fill=dark, width=lw)
    for ang in (70, 105):
        tail = [(cx, cy), (cx + math.cos(math.radians(ang)) * w * 0.2, cy + math.sin(math.radians(ang)) * w * 0.28)]
        tm = Image.new("L", size, 0)
        ImageDraw.Draw(tm).line(tail, fill=255, width=int(w * 0.03))
        tl = Image.new("RGBA", size, rgba(belt_c))
        tl.putalpha(tm)
        tl = multiply(tl, edge_shade(tm, w * 0.008, 0.4))
        sh_t = Image.new("RGBA", size, (0, 0, 0, 0))
        sh_t.paste((0, 0, 0, 110), (0, 0), tm)
        body.alpha_composite(sh_t.filter(ImageFilter.GaussianBlur(w * 0.006)), (int(w * 0.004), int(w * 0.006)))
        body.alpha_composite(tl)
    r = w * 0.022
    Pen(body).ellipse((cx - r, cy - r, cx + r, cy + r), fill=rgba(shade(belt_c, 0.8)), outline=dark, width=lw)
    return body


def mask_sprite(tex, w, rng, loop_color=(238, 234, 226)):
    """A pleated cloth face mask with ear loops."""
    w = int(w)
    h = int(w * 0.62)
    lw_ = int(w * 0.32)
    size = (w + 2 * lw_, h)
    ox = lw_
    top = bezier((0.07, 0.2), (0.3, 0.02), (0.7, 0.02), (0.93, 0.2), 30)
    bot = bezier((0.93, 0.8), (0.7, 1.0), (0.3, 1.0), (0.07, 0.8), 30)
    pts = scale_pts(top + bot, w, h, ox)
    mask = poly_mask(size, pts, 1.0)
    out = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(out)
    lwid = max(3, int(w * 0.016))
    for side in (-1, 1):
        cx = ox + (0.04 * w if side < 0 else 0.96 * w)
        pts_l = ellipse_pts(cx + side * w * 0.12, h * 0.5, w * 0.15, h * 0.36, 0, 60, 90 + 90 * side, 270 + 90 * side)
        d.line(pts_l, fill=rgba(loop_color), width=lwid, joint="curve")
    body = tex.crop((0, 0, size[0], h)).convert("RGBA")
    body.putalpha(mask)
    sh = edge_shade(mask, w * 0.03, 0.35)
    pleat = Image.new("L", size, 255)
    pd = ImageDraw.Draw(pleat)
    for py in (0.36, 0.52, 0.68):
        curve = scale_pts(bezier((0.1, py), (0.35, py - 0.05), (0.65, py - 0.05), (0.9, py), 30), w, h, ox)
        pd.line(curve, fill=150, width=int(h * 0.025))
        pd.line([(x, y - h * 0.035) for x, y in curve], fill=235, width=int(h * 0.03))
    pleat = pleat.filter(ImageFilter.GaussianBlur(h * 0.01))
    sh = ImageChops.multiply(sh, pleat)
    body = multiply(body, sh)
    bd = Pen(body)
    for x0 in (0.1, 0.9):
        bd.line([(ox + x0 * w, h * 0.18), (ox + x0 * w, h * 0.82)], fill=(0, 0, 0, 60), width=max(2, int(w * 0.006)))
    out.alpha_composite(body)
    return out


# --------------------------------------------------------------------------- props


def leaf_sprig(length, rng, color=(76, 110, 58), leaves=9, leaf=0.09):
    L = int(length)
    size = (int(L * 0.5), L)
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    d = Pen(img)
    cx = size[0] / 2
    stem = bezier((cx, L * 0.98), (cx - L * 0.06, L * 0.6), (cx + L * 0.07, L * 0.35), (cx, L * 0.04), 40)
    d.line(stem, fill=(92, 104, 58, 255), width=max(3, int(L * 0.012)), joint="curve")
    for i in range(leaves):
        t = 0.08 + 0.82 * i / leaves
        x, y = stem[int(t * 40)]
        for side in (-1, 1):
            ang = -90 + side * rng.uniform(45, 70)
            ll = L * leaf * rng.uniform(0.85, 1.15) * (0.7 + 0.5 * t)
            a = math.radians(ang)
            lx, ly = x + math.cos(a) * ll * 0.55, y + math.sin(a) * ll * 0.55
            c = jitter(color, rng, 12)
            d.polygon(ellipse_pts(lx, ly, ll * 0.55, ll * 0.26, ang, 30), fill=rgba(c))
            d.line(
                (x, y, x + math.cos(a) * ll * 0.95, y + math.sin(a) * ll * 0.95),
                fill=rgba(shade(c, 0.75)),
                width=max(1, int(L * 0.004)),
            )
    d.polygon(ellipse_pts(cx, L * 0.035, L * 0.03, L * 0.05, 0, 20), fill=rgba(jitter(color, rng, 8)))
    return img


def canting(length):
    L = int(length)
    img = Image.new("RGBA", (L, int(L * 0.22)), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    h = img.height
    d.rounded_rectangle((L * 0.2, h * 0.42, L, h * 0.58), radius=h * 0.08, fill=(184, 150, 96, 255))
    d.line((L * 0.2, h * 0.47, L, h * 0.47), fill=(214, 186, 130, 255), width=max(1, int(h * 0.03)))
    d.ellipse((L * 0.06, h * 0.18, L * 0.24, h * 0.82), fill=(176, 112, 58, 255))
    d.ellipse((L * 0.09, h * 0.26, L * 0.2, h * 0.6), fill=(214, 150, 84, 255))
    d.polygon(
        [(L * 0.07, h * 0.55), (0, h * 0.82), (L * 0.015, h * 0.88), (L * 0.1, h * 0.66)], fill=(160, 100, 50, 255)
    )
    return img


def bark_piece(w, rng, color=(104, 56, 36)):
    w = int(w)
    img = Image.new("RGBA", (w, int(w * 0.6)), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pts = blob(w / 2, w * 0.3, w * 0.42, rng, 0.2, 14, 0.55)
    d.polygon(pts, fill=rgba(color))
    for _ in range(6):
        y = rng.uniform(0.15, 0.45) * w
        d.line(
            (w * 0.15, y, w * 0.85, y + rng.uniform(-w * 0.05, w * 0.05)),
            fill=rgba(shade(color, 0.7)),
            width=max(1, w // 40),
        )
    d.polygon(blob(w * 0.45, w * 0.28, w * 0.2, rng, 0.2, 10, 0.5), fill=rgba(shade(color, 1.25)))
    return img


def shaving(w, rng, color=(196, 120, 80)):
    w = int(w)
    img = Image.new("RGBA", (w, w), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, cy = w / 2, w / 2
    pts_o = ellipse_pts(cx, cy, w * 0.45, w * 0.3, rng.uniform(0, 180), 40, 0, 300)
    pts_i = list(reversed(ellipse_pts(cx, cy, w * 0.3, w * 0.17, 0, 40, 0, 300)))
    d.polygon(pts_o + pts_i, fill=rgba(jitter(color, rng, 12)))
    d.line(pts_o, fill=rgba(shade(color, 0.7)), width=max(1, w // 40))
    return img


# --------------------------------------------------------------------------- snacks


def chip_tempe(d, cx, cy, s, rng):
    """A thin slice of tempe in crisp sagu batter: roughly rectangular, soybeans showing."""
    ang = rng.uniform(0, 180)
    a = math.radians(ang)
    hw, hh = s * rng.uniform(0.9, 1.1), s * rng.uniform(0.55, 0.7)
    pts = []
    for fx, fy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        for k in range(4):
            # walk each side with a little raggedness
            t = k / 4
            if (fx, fy) == (-1, -1):
                x, y = -1 + 2 * t, -1
            elif (fx, fy) == (1, -1):
                x, y = 1, -1 + 2 * t
            elif (fx, fy) == (1, 1):
                x, y = 1 - 2 * t, 1
            else:
                x, y = -1, 1 - 2 * t
            x, y = x * hw + rng.uniform(-s, s) * 0.07, y * hh + rng.uniform(-s, s) * 0.07
            pts.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
    d.polygon([(x + s * 0.07, y + s * 0.12) for x, y in pts], fill=(60, 35, 10, 60))
    c = jitter((214, 164, 80), rng, 12)
    d.polygon(pts, fill=rgba(c), outline=rgba(shade(c, 0.7)), width=max(1, int(s * 0.06)))
    for _ in range(rng.randint(6, 9)):
        bx, by = rng.uniform(-0.75, 0.75) * hw, rng.uniform(-0.65, 0.65) * hh
        x, y = cx + bx * math.cos(a) - by * math.sin(a), cy + bx * math.sin(a) + by * math.cos(a)
        bc = jitter((238, 214, 150), rng, 10)
        d.polygon(
            ellipse_pts(x, y, s * 0.17, s * 0.12, rng.uniform(0, 180), 16),
            fill=rgba(bc),
            outline=rgba(shade(bc, 0.78)),
            width=max(1, int(s * 0.025)),
        )
    for _ in range(6):
        bx, by = rng.uniform(-0.8, 0.8) * hw, rng.uniform(-0.7, 0.7) * hh
        x, y = cx + bx * math.cos(a) - by * math.sin(a), cy + bx * math.sin(a) + by * math.cos(a)
        r = s * 0.035
        d.ellipse((x - r, y - r, x + r, y + r), fill=(96, 70, 30, 220))


def chip_singkong(d, cx, cy, s, rng):
    pts = blob(cx, cy, s, rng, 0.1, 16, rng.uniform(0.6, 0.85), rng.uniform(0, 180))
    d.polygon([(x + s * 0.06, y + s * 0.1) for x, y in pts], fill=(60, 20, 10, 60))
    c = jitter((214, 96, 42), rng, 14)
    d.polygon(pts, fill=rgba(c), outline=rgba(mix(c, (240, 200, 110), 0.5)), width=max(1, int(s * 0.06)))
    for _ in range(9):
        bx, by = cx + rng.uniform(-s * 0.6, s * 0.6), cy + rng.uniform(-s * 0.4, s * 0.4)
        r = s * rng.uniform(0.03, 0.07)
        d.ellipse(
            (bx - r, by - r * 0.7, bx + r, by + r * 0.7), fill=rgba(rng.choice([(150, 30, 20), (236, 140, 60)]), 220)
        )


def chip_paru(d, cx, cy, s, rng):
    pts = blob(cx, cy, s, rng, 0.22, 18, rng.uniform(0.6, 0.9), rng.uniform(0, 180), smooth=1)
    d.polygon([(x + s * 0.06, y + s * 0.1) for x, y in pts], fill=(40, 20, 10, 70))
    c = jitter((132, 70, 38), rng, 12)
    d.polygon(pts, fill=rgba(c), outline=rgba(shade(c, 0.7)), width=max(1, int(s * 0.05)))
    for _ in range(10):
        bx, by = cx + rng.uniform(-s * 0.55, s * 0.55), cy + rng.uniform(-s * 0.4, s * 0.4)
        r = s * rng.uniform(0.03, 0.07)
        d.ellipse((bx - r, by - r, bx + r, by + r), fill=rgba(jitter((190, 130, 70), rng, 15), 230))


def rempeyek(d, cx, cy, s, rng):
    """Rempeyek: a thin, lacy, golden disc with whole peanuts and lime leaf; holes show what is under it."""
    holes = []
    for _ in range(rng.randint(5, 9)):
        a, r = rng.uniform(0, 6.28), s * math.sqrt(rng.uniform(0.05, 0.7))
        hx, hy = cx + math.cos(a) * r, cy + math.sin(a) * r * 0.65
        if 0 <= hx < d.img.width and 0 <= hy < d.img.height:
            holes.append((hx, hy, s * rng.uniform(0.04, 0.09), d.img.getpixel((int(hx), int(hy)))))
    pts = blob(cx, cy, s, rng, 0.2, 36, rng.uniform(0.55, 0.72), rng.uniform(0, 180), smooth=1)
    d.polygon([(x + s * 0.05, y + s * 0.09) for x, y in pts], fill=(60, 35, 10, 55))
    c = jitter((228, 186, 106), rng, 10)
    d.polygon(pts, fill=rgba(c), outline=rgba(shade(c, 0.82)), width=max(1, int(s * 0.025)))
    # lacy rim: small bumps around the edge
    for i in range(0, len(pts), 2):
        x, y = pts[i]
        r = s * rng.uniform(0.05, 0.1)
        d.ellipse((x - r, y - r, x + r, y + r), fill=rgba(shade(c, rng.uniform(0.92, 1.08))))
    # thin (lighter) and thick (browner) patches of batter
    for _ in range(14):
        a, r = rng.uniform(0, 6.28), s * math.sqrt(rng.uniform(0, 0.8))
        bx, by = cx + math.cos(a) * r, cy + math.sin(a) * r * 0.62
        d.polygon(
            blob(bx, by, s * rng.uniform(0.06, 0.16), rng, 0.3, 8, 0.7),
            fill=rgba(rng.choice([shade(c, 1.14), shade(c, 0.84), shade(c, 0.9)]), 170),
        )
    for hx, hy, r, col in holes:
        d.polygon(blob(hx, hy, r, rng, 0.3, 8, 0.8), fill=rgba(col[:3]))
        d.polygon(blob(hx, hy, r, rng, 0.3, 8, 0.8), outline=rgba(shade(c, 0.75)), width=max(1, int(s * 0.015)))
    for _ in range(rng.randint(4, 7)):
        a, r = rng.uniform(0, 6.28), s * math.sqrt(rng.uniform(0, 0.45))
        bx, by = cx + math.cos(a) * r, cy + math.sin(a) * r * 0.6
        ang = rng.uniform(0, 180)
        pc = jitter((186, 120, 78), rng, 10)
        d.polygon(ellipse_pts(bx + s * 0.02, by + s * 0.03, s * 0.15, s * 0.1, ang, 20), fill=(80, 50, 20, 90))
        d.polygon(
            ellipse_pts(bx, by, s * 0.15, s * 0.1, ang, 20),
            fill=rgba(pc),
            outline=rgba(shade(pc, 0.7)),
            width=max(1, int(s * 0.02)),
        )
        d.polygon(ellipse_pts(bx - s * 0.03, by - s * 0.025, s * 0.06, s * 0.035, ang, 12), fill=rgba(shade(pc, 1.25)))
    for _ in range(5):
        a, r = rng.uniform(0, 6.28), s * math.sqrt(rng.uniform(0, 0.6))
        bx, by = cx + math.cos(a) * r, cy + math.sin(a) * r * 0.6
        d.polygon(ellipse_pts(bx, by, s * 0.07, s * 0.02, rng.uniform(0, 180), 10), fill=(54, 82, 40, 235))


CHIPS = {"tempe": chip_tempe, "singkong": chip_singkong, "paru": chip_paru, "rempeyek": rempeyek}


def heap(d, kind, cx, cy, rx, ry, n, s, rng):
    """A heap of chips in an ellipse, drawn back to front, higher in the middle."""
    items = []
    for _ in range(n):
        a = rng.uniform(0, 2 * math.pi)
        r = math.sqrt(rng.uniform(0, 1))
        x, y = cx + math.cos(a) * r * rx, cy + math.sin(a) * r * ry
        lift = (1 - r) * ry * 0.5
        items.append((y, x, y - lift))
    items.sort()
    for _, x, y in items:
        CHIPS[kind](d, x, y, s * rng.uniform(0.85, 1.15), rng)


def plate(w, rng, style="bamboo"):
    """A round plate seen at an angle: woven bamboo with banana leaf, or white enamel."""
    w = int(w)
    h = int(w * 0.58)
    img = Image.new("RGBA", (w, h + int(w * 0.05)), (0, 0, 0, 0))
    d = Pen(img)
    cx, cy, rx, ry = w / 2, h / 2, w / 2 - 2, h / 2 - 2
    if style == "bamboo":
        d.ellipse((cx - rx, cy - ry + w * 0.03, cx + rx, cy + ry + w * 0.03), fill=(150, 108, 58, 255))
        d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=(206, 166, 104, 255))
        rim = ellipse_pts(cx, cy, rx * 0.96, ry * 0.96, 0, 90)
        for i, (x, y) in enumerate(rim):
            if i % 2:
                d.line((x, y, x + w * 0.012, y + w * 0.008), fill=(150, 104, 56, 200), width=max(2, w // 250))
        d.ellipse((cx - rx * 0.9, cy - ry * 0.9, cx + rx * 0.9, cy + ry * 0.9), fill=(182, 140, 82, 255))
        # banana leaf
        leaf = Image.new("RGBA", img.size, (0, 0, 0, 0))
        ld = ImageDraw.Draw(leaf)
        ld.ellipse((cx - rx * 0.86, cy - ry * 0.86, cx + rx * 0.86, cy + ry * 0.86), fill=(74, 128, 62, 255))
        for k in range(-40, 41):
            x0 = cx + k * rx * 0.05
            ld.line(
                (x0 - ry, cy - ry, x0 + ry, cy + ry),
                fill=(96, 150, 76, 255) if k % 2 else (66, 116, 56, 255),
                width=max(2, w // 160),
            )
        ld.line((cx - rx, cy + ry * 0.05, cx + rx, cy - ry * 0.05), fill=(140, 176, 100, 255), width=max(3, w // 120))
        lm = Image.new("L", img.size, 0)
        ImageDraw.Draw(lm).ellipse((cx - rx * 0.86, cy - ry * 0.86, cx + rx * 0.86, cy + ry * 0.86), fill=255)
        leaf.putalpha(lm.filter(ImageFilter.GaussianBlur(1.5)))
        img.alpha_composite(leaf)
    else:
        d.ellipse((cx - rx, cy - ry + w * 0.02, cx + rx, cy + ry + w * 0.02), fill=(196, 196, 192, 255))
        d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=(248, 247, 243, 255))
        d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=(52, 86, 150, 255), width=max(3, w // 110))
        d.ellipse((cx - rx * 0.7, cy - ry * 0.68, cx + rx * 0.7, cy + ry * 0.72), fill=(236, 235, 230, 255))
        d.ellipse(
            (cx - rx * 0.7, cy - ry * 0.68, cx + rx * 0.7, cy + ry * 0.72),
            outline=(222, 220, 214, 255),
            width=max(2, w // 200),
        )
    return img


# --------------------------------------------------------------------------- cookies, jars, pouches


def nastar_sprite(r, rng):
    s = int(r * 2.3)
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    c = s / 2
    base = jitter((238, 168, 58), rng, 8)
    grad = Image.radial_gradient("L").resize((s, s))
    grad = grad.transform((s, s), Image.Transform.AFFINE, (1, 0, r * 0.35, 0, 1, r * 0.4), BICUBIC)
    col = ImageOps.colorize(grad, black=shade(base, 1.25), white=shade(base, 0.8), mid=base).convert("RGBA")
    m = Image.new("L", (s, s), 0)
    ImageDraw.Draw(m).ellipse((c - r, c - r * 0.92, c + r, c + r * 0.92), fill=255)
    col.putalpha(m.filter(ImageFilter.GaussianBlur(1)))
    img.alpha_composite(col)
    d = Pen(img)
    d.ellipse((c - r * 0.6, c - r * 0.72, c - r * 0.02, c - r * 0.3), fill=(255, 244, 214, 110))
    d.ellipse((c - r * 0.45, c - r * 0.62, c - r * 0.2, c - r * 0.45), fill=(255, 252, 240, 150))
    # clove
    d.line((c, c - r * 0.55, c + r * 0.08, c - r * 0.2), fill=(70, 40, 22, 255), width=max(2, int(r * 0.08)))
    for a in range(4):
        aa = math.radians(45 + 90 * a)
        d.ellipse(
            (
                c + math.cos(aa) * r * 0.09 - r * 0.06,
                c - r * 0.6 + math.sin(aa) * r * 0.09 - r * 0.06,
                c + math.cos(aa) * r * 0.09 + r * 0.06,
                c - r * 0.6 + math.sin(aa) * r * 0.09 + r * 0.06,
            ),
            fill=(58, 34, 20, 255),
        )
    return img


def kastengel_sprite(length, rng):
    L = int(length)
    h = int(L * 0.3)
    img = Image.new("RGBA", (L, h), (0, 0, 0, 0))
    d = Pen(img)
    base = jitter((222, 160, 70), rng, 8)
    d.rounded_rectangle((0, 0, L - 1, h - 1), radius=h * 0.35, fill=rgba(base))
    img = multiply(img, profile(h, [(0, 255), (0.4, 245), (1, 170)], vertical=True, other=L))
    d = Pen(img)
    for _ in range(int(L / 9)):
        x, y = rng.uniform(h * 0.3, L - h * 0.3), rng.uniform(h * 0.15, h * 0.6)
        a = rng.uniform(-0.8, 0.8)
        ln = rng.uniform(h * 0.12, h * 0.28)
        d.line((x, y, x + math.cos(a) * ln, y + math.sin(a) * ln), fill=(250, 222, 130, 230), width=max(2, h // 12))
    return img


def jar_sprite(
    w,
    rng,
    content,
    lid="gingham",
    lid_color=(190, 40, 36),
    label=("Sambal", "Dapur Bu Ning"),
    label_color=(236, 220, 190),
    accent=(181, 57, 31),
):
    w = int(w)
    h = int(w * 1.32)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    body_top = h * 0.2
    body = (w * 0.04, body_top, w * 0.96, h - 1)
    # glass with contents
    bm = Image.new("L", (w, h), 0)
    bmd = ImageDraw.Draw(bm)
    bmd.rounded_rectangle(body, radius=w * 0.14, fill=255)
    bmd.rounded_rectangle((w * 0.13, h * 0.12, w * 0.87, body_top + w * 0.1), radius=w * 0.05, fill=255)
    bm = bm.filter(ImageFilter.GaussianBlur(1))
    glass = Image.new("RGBA", (w, h), (230, 236, 236, 90))
    cm = Image.new("L", (w, h), 0)
    ImageDraw.Draw(cm).rounded_rectangle((w * 0.07, h * 0.3, w * 0.93, h - w * 0.03), radius=w * 0.12, fill=255)
    fill = Image.new("RGBA", (w, h), rgba(content["base"]))
    fd = Pen(fill)
    for _ in range(int(w * 0.9)):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.28, h)
        r = rng.uniform(w * 0.006, w * 0.018)
        c, a = rng.choice(content["bits"])
        fd.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=rgba(jitter(c, rng, 10), a))
    fill = multiply(fill, profile(w, [(0, 150), (0.25, 235), (0.5, 255), (0.8, 215), (1, 130)], other=h))
    oil = Pen(fill)
    oil.rectangle((0, h * 0.3, w, h * 0.335), fill=rgba(shade(content["base"], 0.7), 200))
    glass.alpha_composite(with_mask(fill, cm))
    glass.putalpha(ImageChops.multiply(glass.getchannel("A"), bm))
    img.alpha_composite(glass)
    d = Pen(img)
    d.rounded_rectangle(body, radius=w * 0.14, outline=(255, 255, 255, 110), width=max(2, w // 90))
    # label band
    ly0, ly1 = h * 0.52, h * 0.8
    lab = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(lab).rectangle((w * 0.04, ly0, w * 0.96, ly1), fill=rgba(label_color))
    lab = multiply(lab, profile(w, [(0, 170), (0.2, 245), (0.45, 255), (0.8, 230), (1, 160)], other=h))
    ld = ImageDraw.Draw(lab)
    f1 = fit_font(label[0], w * 0.7, w * 0.12)
    text_center(ld, w / 2, ly0 + (ly1 - ly0) * 0.2, label[0], f1, rgba((60, 34, 24)), stroke=1)
    f2 = fit_font(label[1], w * 0.6, w * 0.07)
    text_center(ld, w / 2, ly0 + (ly1 - ly0) * 0.62, label[1], f2, rgba(accent))
    img.alpha_composite(lab)
    # highlights
    hl = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    hd = ImageDraw.Draw(hl)
    hd.rounded_rectangle((w * 0.14, h * 0.26, w * 0.2, h * 0.9), radius=w * 0.03, fill=(255, 255, 255, 120))
    hd.rounded_rectangle((w * 0.82, h * 0.3, w * 0.845, h * 0.8), radius=w * 0.01, fill=(255, 255, 255, 80))
    hl = hl.filter(ImageFilter.GaussianBlur(w * 0.012))
    img.alpha_composite(hl)
    d = Pen(img)
    if lid == "gingham":
        cover = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        gm = Image.new("L", (w, h), 0)
        top = [(w * 0.16, h * 0.02), (w * 0.84, h * 0.02), (w * 0.99, h * 0.19)]
        scallop = [(w * (0.99 - 0.98 * i / 24), h * 0.19 + math.sin(i * math.pi / 2) * h * 0.012) for i in range(25)]
        ImageDraw.Draw(gm).polygon(top + scallop, fill=255)
        cover.alpha_composite(tex_gingham(w, h, max(4, w // 22), lid_color).convert("RGBA"))
        cover.putalpha(gm.filter(ImageFilter.GaussianBlur(1)))
        cover = multiply(cover, profile(w, [(0, 170), (0.3, 255), (0.7, 235), (1, 160)], other=h))
        img.alpha_composite(cover)
        d = Pen(img)
        d.line((w * 0.1, h * 0.13, w * 0.9, h * 0.13), fill=(150, 112, 70, 255), width=max(3, w // 60))
        bx = w * 0.62
        for a in (-35, 35):
            d.polygon(
                ellipse_pts(bx + math.copysign(w * 0.05, a), h * 0.12, w * 0.055, w * 0.025, a, 20),
                outline=(150, 112, 70, 255),
                width=max(2, w // 90),
            )
        d.line((bx, h * 0.13, bx - w * 0.03, h * 0.2), fill=(150, 112, 70, 255), width=max(2, w // 90))
        d.line((bx, h * 0.13, bx + w * 0.04, h * 0.21), fill=(150, 112, 70, 255), width=max(2, w // 90))
    else:
        lid_img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        ImageDraw.Draw(lid_img).rounded_rectangle(
            (w * 0.1, h * 0.07, w * 0.9, h * 0.215), radius=w * 0.04, fill=rgba(lid_color)
        )
        lid_img = multiply(lid_img, profile(w, [(0, 140), (0.25, 255), (0.5, 235), (1, 120)], other=h))
        ld2 = Pen(lid_img)
        for x in range(int(w * 0.12), int(w * 0.88), max(4, w // 40)):
            ld2.line((x, h * 0.08, x, h * 0.205), fill=(0, 0, 0, 30), width=2)
        img.alpha_composite(lid_img)
    return img


def chili(length, rng, color=(196, 30, 26), curve=0.25):
    L = int(length)
    img = Image.new("RGBA", (L, int(L * 0.45)), (0, 0, 0, 0))
    h = img.height
    p0, p1, p2 = (L * 0.12, h * 0.3), (L * 0.55, h * (0.3 + curve)), (L * 0.97, h * (0.15 + curve * 1.6))
    spine = quad_bezier(p0, p1, p2, 30)
    top, bot = [], []
    for i, (x, y) in enumerate(spine):
        t = i / 30
        wdt = h * 0.13 * (1 - t**1.6) + 1
        j = min(29, i)
        dx, dy = spine[j + 1][0] - spine[j][0], spine[j + 1][1] - spine[j][1]
        n = math.hypot(dx, dy) or 1
        nx, ny = -dy / n, dx / n
        top.append((x + nx * wdt, y + ny * wdt))
        bot.append((x - nx * wdt, y - ny * wdt))
    d = Pen(img)
    c = jitter(color, rng, 10)
    d.polygon(top + list(reversed(bot)), fill=rgba(c))
    d.line([(x, y - h * 0.04) for x, y in spine[2:22]], fill=rgba(shade(c, 1.35), 200), width=max(2, int(h * 0.03)))
    d.polygon(ellipse_pts(L * 0.12, h * 0.3, h * 0.07, h * 0.14, 0, 16), fill=(70, 110, 40, 255))
    d.line(
        quad_bezier((L * 0.1, h * 0.3), (L * 0.02, h * 0.28), (0, h * 0.12), 10),
        fill=(80, 120, 50, 255),
        width=max(2, int(h * 0.05)),
    )
    return img


def shallot(w, rng, color=(160, 70, 90)):
    w = int(w)
    img = Image.new("RGBA", (w, int(w * 1.3)), (0, 0, 0, 0))
    d = Pen(img)
    h = img.height
    c = jitter(color, rng, 10)
    d.polygon(ellipse_pts(w / 2, h * 0.62, w * 0.46, h * 0.36, 0, 40)[:], fill=rgba(c))
    d.polygon([(w * 0.3, h * 0.4), (w * 0.5, h * 0.02), (w * 0.7, h * 0.4)], fill=rgba(c))
    for k in (-0.25, 0, 0.25):
        d.line(
            quad_bezier((w * 0.5, h * 0.1), (w * (0.5 + k * 1.6), h * 0.55), (w * (0.5 + k), h * 0.96), 12),
            fill=rgba(shade(c, 0.8), 140),
            width=max(1, w // 40),
        )
    d.ellipse((w * 0.25, h * 0.45, w * 0.4, h * 0.7), fill=(255, 230, 240, 70))
    return img


def pouch_sprite(
    w,
    rng,
    material,
    title,
    subtitle,
    shop="Dapur Bu Ning",
    accent=(181, 57, 31),
    content=None,
    label_bg=(250, 244, 232),
    window=True,
):
    w = int(w)
    h = int(w * 1.42)
    size = (w, h)
    outline = (
        [(0.04, 0.0), (0.96, 0.0)]
        + bezier((0.96, 0.0), (0.99, 0.4), (1.0, 0.75), (0.97, 0.93), 20)
        + bezier((0.97, 0.93), (0.8, 1.0), (0.2, 1.0), (0.03, 0.93), 20)
        + bezier((0.03, 0.93), (0.0, 0.75), (0.01, 0.4), (0.04, 0.0), 20)
    )
    pts = scale_pts(outline, w, h)
    mask = poly_mask(size, pts, 1.0)
    md = ImageDraw.Draw(mask)
    for side in (0, 1):  # tear notches
        x = 0.04 * w if side == 0 else 0.96 * w
        s = 1 if side == 0 else -1
        md.polygon([(x - s * 2, h * 0.09), (x + s * w * 0.025, h * 0.1), (x - s * 2, h * 0.11)], fill=0)
    img = Image.new("RGBA", size, rgba(material))
    d = Pen(img)
    if material[0] > 150 and material[2] < 140:  # kraft paper: a few fibres
        for _ in range(int(w * 0.8)):
            x, y = rng.uniform(0, w), rng.uniform(0, h)
            a = rng.uniform(0, 6.28)
            ln = rng.uniform(w * 0.004, w * 0.012)
            d.line(
                (x, y, x + math.cos(a) * ln, y + math.sin(a) * ln),
                fill=rgba(shade(material, rng.choice([0.85, 1.1])), 110),
                width=1,
            )
    # top seal
    d.rectangle((0, 0, w, h * 0.075), fill=rgba(shade(material, 0.9)))
    for x in range(0, w, max(3, w // 120)):
        d.line((x, 0, x, h * 0.075), fill=(0, 0, 0, 22), width=1)
    d.line((w * 0.04, h * 0.125, w * 0.96, h * 0.125), fill=(0, 0, 0, 50), width=max(2, w // 150))
    d.line((w * 0.04, h * 0.13, w * 0.96, h * 0.13), fill=(255, 255, 255, 60), width=max(2, w // 150))
    # window with the contents
    if window and content:
        wx0, wy0, wx1, wy1 = w * 0.2, h * 0.6, w * 0.8, h * 0.86
        win = Image.new("RGBA", size, (0, 0, 0, 0))
        wd = Pen(win)
        wd.rectangle((wx0, wy0, wx1, wy1), fill=rgba(shade(content[1], 0.55)))
        for _ in range(3):
            for y in range(int(wy0), int(wy1 + w * 0.1), int(w * 0.06)):
                for x in range(int(wx0), int(wx1 + w * 0.1), int(w * 0.09)):
                    CHIPS[content[0]](
                        wd, x + rng.uniform(-w * 0.05, w * 0.05), y + rng.uniform(-w * 0.03, w * 0.03), w * 0.055, rng
                    )
        wm = Image.new("L", size, 0)
        ImageDraw.Draw(wm).rounded_rectangle((wx0, wy0, wx1, wy1), radius=w * 0.05, fill=255)
        win.putalpha(ImageChops.multiply(win.getchannel("A"), wm.filter(ImageFilter.GaussianBlur(1))))
        img.alpha_composite(win)
        d = Pen(img)
        d.rounded_rectangle((wx0, wy0, wx1, wy1), radius=w * 0.05, outline=(255, 255, 255, 120), width=max(2, w // 120))
        d.polygon(
            [(wx0 + w * 0.05, wy1), (wx0 + w * 0.17, wy0), (wx0 + w * 0.23, wy0), (wx0 + w * 0.11, wy1)],
            fill=(255, 255, 255, 45),
        )
    # label
    lx0, ly0, lx1, ly1 = w * 0.12, h * 0.19, w * 0.88, h * 0.54
    d.rounded_rectangle((lx0, ly0, lx1, ly1), radius=w * 0.04, fill=rgba(label_bg))
    d.rounded_rectangle((lx0, ly0, lx1, ly0 + h * 0.075), radius=w * 0.04, fill=rgba(accent))
    d.rectangle((lx0, ly0 + h * 0.04, lx1, ly0 + h * 0.075), fill=rgba(accent))
    f = fit_font(shop.upper(), (lx1 - lx0) * 0.8, w * 0.075)
    text_center(d, w / 2, ly0 + h * 0.015, shop.upper(), f, (255, 247, 236, 255))
    words = title.split()
    lines = (
        [title]
        if len(title) <= 11
        else [" ".join(words[: len(words) // 2 + len(words) % 2]), " ".join(words[len(words) // 2 + len(words) % 2 :])]
    )
    y = ly0 + h * (0.1 if len(lines) == 2 else 0.13)
    for line in lines:
        f = fit_font(line, (lx1 - lx0) * 0.86, w * 0.105)
        text_center(d, w / 2, y, line, f, (58, 36, 24, 255), stroke=1)
        y += h * 0.078
    d.line((w * 0.3, ly1 - h * 0.07, w * 0.7, ly1 - h * 0.07), fill=rgba(accent, 120), width=max(2, w // 200))
    f = fit_font(subtitle, (lx1 - lx0) * 0.8, w * 0.06)
    text_center(d, w / 2, ly1 - h * 0.055, subtitle, f, rgba(accent))
    # volume
    sh = profile(w, [(0, 150), (0.12, 228), (0.35, 255), (0.72, 236), (0.9, 205), (1, 150)], other=h)
    sh = ImageChops.multiply(
        sh, profile(h, [(0, 245), (0.08, 225), (0.1, 255), (0.85, 245), (1, 170)], vertical=True, other=w)
    )
    img = multiply(img, sh)
    gl = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(gl).rounded_rectangle(
        (w * 0.16, h * 0.14, w * 0.22, h * 0.9), radius=w * 0.03, fill=(255, 255, 255, 55)
    )
    img.alpha_composite(gl.filter(ImageFilter.GaussianBlur(w * 0.02)))
    img.putalpha(mask)
    return img


def toples_sprite(w, rng, cookie, lid_color=(178, 30, 34)):
    """The Lebaran cookie jar: clear plastic, full of cookies, red lid with a gold ring."""
    w = int(w)
    h = int(w * 1.05)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    inside = Image.new("RGBA", (w, h), (240, 232, 214, 255))
    if cookie == "nastar":
        r = w * 0.085
        sprites = [nastar_sprite(r, rng) for _ in range(4)]
        y = h * 0.25
        row = 0
        while y < h:
            x = w * 0.02 + (row % 2) * r
            while x < w:
                sp = rng.choice(sprites)
                inside.alpha_composite(sp, (int(x), int(y)))
                x += r * 2.05
            y += r * 1.55
            row += 1
    else:
        L = w * 0.34
        y = h * 0.22
        while y < h:
            x = -L * 0.5 + rng.uniform(0, L * 0.4)
            while x < w:
                sp = rotate_sprite(kastengel_sprite(L, rng), rng.uniform(-25, 25))
                inside.alpha_composite(sp, (int(x), int(y)))
                x += L * 0.7
            y += L * 0.2
    bm = Image.new("L", (w, h), 0)
    ImageDraw.Draw(bm).rounded_rectangle((0, h * 0.2, w - 1, h - 1), radius=w * 0.1, fill=255)
    inside = multiply(inside, profile(w, [(0, 150), (0.2, 240), (0.5, 255), (0.85, 220), (1, 140)], other=h))
    inside.putalpha(bm.filter(ImageFilter.GaussianBlur(1)))
    img.alpha_composite(inside)
    d = Pen(img)
    d.rounded_rectangle((0, h * 0.2, w - 1, h - 1), radius=w * 0.1, outline=(255, 255, 255, 130), width=max(2, w // 80))
    hl = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(hl).rounded_rectangle(
        (w * 0.08, h * 0.27, w * 0.14, h * 0.93), radius=w * 0.03, fill=(255, 255, 255, 120)
    )
    img.alpha_composite(hl.filter(ImageFilter.GaussianBlur(w * 0.012)))
    lid = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ld = ImageDraw.Draw(lid)
    ld.rounded_rectangle((-2, 0, w + 1, h * 0.22), radius=w * 0.05, fill=rgba(lid_color))
    lid = multiply(lid, profile(w, [(0, 120), (0.22, 255), (0.45, 245), (0.8, 190), (1, 110)], other=h))
    ld = Pen(lid)
    ld.rectangle((0, h * 0.165, w, h * 0.19), fill=(206, 164, 70, 255))
    ld.rectangle((0, h * 0.165, w, h * 0.172), fill=(246, 214, 130, 200))
    ld.rectangle((w * 0.1, h * 0.02, w * 0.9, h * 0.045), fill=(255, 255, 255, 40))
    lm = Image.new("L", (w, h), 0)
    ImageDraw.Draw(lm).rounded_rectangle((0, 0, w - 1, h * 0.22), radius=w * 0.05, fill=255)
    lid.putalpha(lm)
    img.alpha_composite(lid)
    return img


# --------------------------------------------------------------------------- bags and baskets


def leather_strap(d, pts, width, color):
    d.line(pts, fill=rgba(shade(color, 0.7)), width=int(width * 1.15), joint="curve")
    d.line(pts, fill=rgba(color), width=int(width), joint="curve")
    d.line(
        [(x, y - width * 0.22) for x, y in pts],
        fill=rgba(shade(color, 1.25), 150),
        width=max(2, int(width * 0.15)),
        joint="curve",
    )


def tote_sprite(w, rng, base, stripe=None, handle=(96, 58, 36)):
    w = int(w)
    bh = int(w * 0.8)
    hh = int(w * 0.42)
    H = bh + hh
    size = (w, H)
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    d = Pen(img)
    # back handle (visible through the top)
    back = quad_bezier((w * 0.3, hh + bh * 0.06), (w * 0.5, -hh * 0.78), (w * 0.7, hh + bh * 0.06), 40)
    leather_strap(d, back, w * 0.035, shade(handle, 0.7))
    outline = [(0.02, 0.0), (0.98, 0.0), (0.9, 0.94), (0.86, 1.0), (0.14, 1.0), (0.1, 0.94)]
    pts = scale_pts(outline, w, bh, 0, hh)
    mask = poly_mask(size, pts, 1.0)
    cell = max(10, int(w * 0.036))
    rows = set(range(4, 7)) if stripe else set()
    tex = pandan_weave(w, bh + cell, cell, base, rng, stripe=stripe, stripe_rows=rows)
    body = Image.new("RGBA", size, (0, 0, 0, 0))
    body.paste(tex.crop((0, 0, w, bh)), (0, hh))
    body.putalpha(mask)
    sh = profile(w, [(0, 140), (0.12, 205), (0.4, 255), (0.75, 230), (0.92, 180), (1, 150)], other=H)
    sh = ImageChops.multiply(sh, profile(H, [(0, 255), (hh / H, 255), (0.9, 235), (1, 170)], vertical=True, other=w))
    body = multiply(body, sh)
    img.alpha_composite(body)
    d = Pen(img)
    # rolled rim
    rim = Image.new("RGBA", size, (0, 0, 0, 0))
    rd = ImageDraw.Draw(rim)
    rh = bh * 0.07
    rd.rounded_rectangle((w * 0.01, hh - rh * 0.3, w * 0.99, hh + rh), radius=rh * 0.5, fill=rgba(shade(base, 0.9)))
    for x in range(int(w * 0.02), int(w * 0.98), max(4, int(w * 0.018))):
        rd.line((x, hh - rh * 0.2, x + rh * 0.5, hh + rh * 0.9), fill=rgba(shade(base, 0.7)), width=max(2, w // 260))
    rim = multiply(
        rim,
        profile(
            H,
            [(0, 255), ((hh - rh * 0.3) / H, 255), ((hh + rh * 0.3) / H, 255), ((hh + rh) / H, 170), (1, 170)],
            vertical=True,
            other=w,
        ),
    )
    img.alpha_composite(rim)
    d = Pen(img)
    # front handle with tabs and rivets
    front = quad_bezier((w * 0.26, hh + bh * 0.1), (w * 0.5, -hh * 0.72), (w * 0.74, hh + bh * 0.1), 40)
    leather_strap(d, front, w * 0.04, handle)
    for x in (w * 0.26, w * 0.74):
        d.rounded_rectangle(
            (x - w * 0.035, hh + bh * 0.02, x + w * 0.035, hh + bh * 0.17),
            radius=w * 0.01,
            fill=rgba(handle),
            outline=rgba(shade(handle, 0.65)),
            width=max(2, w // 200),
        )
        r = w * 0.009
        for yy in (hh + bh * 0.06, hh + bh * 0.13):
            d.ellipse((x - r, yy - r, x + r, yy + r), fill=(214, 180, 96, 255), outline=(130, 100, 50, 255))
    return img


def sling_sprite(w, rng, base, rng_stripes=True, trim=(92, 56, 34)):
    w = int(w)
    bh = int(w * 0.78)
    top = int(w * 1.4)  # the long cross-body strap runs up out of the picture
    H = bh + top
    size = (w, H)
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    d = Pen(img)
    for x0, x1 in ((0.06, 0.2), (0.94, 0.8)):
        leather_strap(d, [(w * x0, top + bh * 0.12), (w * (x0 + x1) / 2, top * 0.5), (w * x1, 0)], w * 0.03, trim)
    tex = mendong_weave(
        w,
        bh + 20,
        max(8, int(w * 0.022)),
        max(20, int(w * 0.07)),
        base,
        rng,
        stripes=((8, 10), (24, 26)) if rng_stripes else (),
        stripe_color=shade(base, 0.6),
    )
    bm = Image.new("L", size, 0)
    ImageDraw.Draw(bm).rounded_rectangle((0, top, w - 1, H - 1), radius=w * 0.2, fill=255)
    bm = bm.filter(ImageFilter.GaussianBlur(1))
    body = Image.new("RGBA", size, (0, 0, 0, 0))
    body.paste(tex.crop((0, 0, w, bh)), (0, top))
    body.putalpha(bm)
    sh = ImageChops.multiply(
        profile(w, [(0, 150), (0.15, 225), (0.45, 255), (0.85, 215), (1, 150)], other=H), edge_shade(bm, w * 0.03, 0.3)
    )
    img.alpha_composite(multiply(body, sh))
    # flap: half-ellipse with leather binding and a wooden toggle
    fm = Image.new("L", size, 0)
    fpts = [(0, top)] + ellipse_pts(w / 2, top, w / 2, bh * 0.62, 0, 60, 0, 180)[::-1] + [(w, top)]
    fpts = [(0, top), (w, top)] + ellipse_pts(w / 2, top, w / 2 - 1, bh * 0.62, 0, 60, 0, 180)
    ImageDraw.Draw(fm).polygon(fpts, fill=255)
    fm = fm.filter(ImageFilter.GaussianBlur(1))
    flap_tex = mendong_weave(w, bh, max(8, int(w * 0.022)), max(20, int(w * 0.07)), shade(base, 0.95), rng)
    flap = Image.new("RGBA", size, (0, 0, 0, 0))
    flap.paste(flap_tex.crop((0, 0, w, H - top)), (0, top))
    flap.putalpha(fm)
    shadow = Image.new("RGBA", size, (0, 0, 0, 0))
    shadow.paste((0, 0, 0, 255), (0, 0), fm)
    shadow = shadow.filter(ImageFilter.GaussianBlur(w * 0.02))
    shadow.putalpha(shadow.getchannel("A").point(lambda v: v * 0.5))
    img.alpha_composite(shadow, (0, int(w * 0.02)))
    flap = multiply(
        flap, ImageChops.multiply(edge_shade(fm, w * 0.02, 0.25), profile(w, [(0, 190), (0.4, 255), (1, 190)], other=H))
    )
    img.alpha_composite(flap)
    d = Pen(img)
    edge = ellipse_pts(w / 2, top, w / 2 - w * 0.012, bh * 0.62 - w * 0.012, 0, 60, 0, 180)
    d.line(edge, fill=rgba(trim), width=int(w * 0.022), joint="curve")
    d.line((0, top, w, top), fill=rgba(trim), width=int(w * 0.03))
    tx, ty = w / 2, top + bh * 0.58
    d.rounded_rectangle((tx - w * 0.012, ty - bh * 0.04, tx + w * 0.012, ty + bh * 0.12), radius=3, fill=rgba(trim))
    d.rounded_rectangle(
        (tx - w * 0.07, ty + bh * 0.07, tx + w * 0.07, ty + bh * 0.12),
        radius=bh * 0.025,
        fill=(176, 128, 76, 255),
        outline=(110, 74, 40, 255),
        width=max(2, w // 200),
    )
    return img


def zip_pouch(w, rng, base):
    w = int(w)
    h = int(w * 0.64)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    cell = max(8, int(w * 0.045))
    tex = pandan_weave(w, h, cell, base, rng, diagonal=True)
    m = Image.new("L", (w, h), 0)
    ImageDraw.Draw(m).rounded_rectangle((0, h * 0.06, w - 1, h - 1), radius=w * 0.12, fill=255)
    m = m.filter(ImageFilter.GaussianBlur(1))
    body = tex.convert("RGBA")
    body.putalpha(m)
    body = multiply(
        body,
        ImageChops.multiply(
            edge_shade(m, w * 0.05, 0.4), profile(h, [(0, 255), (0.7, 240), (1, 190)], vertical=True, other=w)
        ),
    )
    img.alpha_composite(body)
    d = Pen(img)
    zy = h * 0.16
    d.rounded_rectangle((w * 0.06, zy - h * 0.035, w * 0.94, zy + h * 0.035), radius=h * 0.03, fill=(64, 48, 40, 255))
    for x in range(int(w * 0.07), int(w * 0.93), max(3, int(w * 0.012))):
        d.line((x, zy - h * 0.02, x, zy + h * 0.02), fill=(200, 180, 130, 255), width=max(1, w // 220))
    px = w * 0.78
    d.rounded_rectangle(
        (px - w * 0.02, zy - h * 0.03, px + w * 0.02, zy + h * 0.14),
        radius=w * 0.01,
        fill=(206, 176, 96, 255),
        outline=(140, 110, 50, 255),
    )
    d.polygon(
        [
            (px - w * 0.012, zy + h * 0.12),
            (px + w * 0.012, zy + h * 0.12),
            (px + w * 0.025, zy + h * 0.34),
            (px - w * 0.025, zy + h * 0.34),
        ],
        fill=rgba(shade(base, 0.65)),
    )
    return img


def clutch_sprite(w, rng, base, gold=False):
    w = int(w)
    h = int(w * 0.54)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    tex = mendong_weave(w, h, max(7, int(w * 0.018)), max(18, int(w * 0.06)), base, rng)
    m = Image.new("L", (w, h), 0)
    ImageDraw.Draw(m).rounded_rectangle((0, 0, w - 1, h - 1), radius=w * 0.03, fill=255)
    body = tex.convert("RGBA")
    body.putalpha(m)
    body = multiply(body, edge_shade(m, w * 0.03, 0.3))
    img.alpha_composite(body)
    flap_pts = [(0, 0), (w, 0), (w, h * 0.12), (w * 0.5, h * 0.66), (0, h * 0.12)]
    fm = poly_mask((w, h), flap_pts, 1.0)
    sh = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    sh.paste((0, 0, 0, 255), (0, 0), fm)
    sh = sh.filter(ImageFilter.GaussianBlur(w * 0.015))
    sh.putalpha(sh.getchannel("A").point(lambda v: v * 0.5))
    img.alpha_composite(sh, (0, int(w * 0.012)))
    flap = mendong_weave(w, h, max(7, int(w * 0.018)), max(18, int(w * 0.06)), shade(base, 1.04), rng).convert("RGBA")
    flap.putalpha(fm)
    flap = multiply(flap, profile(h, [(0, 255), (0.66, 215)], vertical=True, other=w))
    img.alpha_composite(flap)
    d = Pen(img)
    if gold:
        d.line(
            [(w * 0.01, h * 0.12), (w * 0.5, h * 0.655), (w * 0.99, h * 0.12)],
            fill=(214, 176, 84, 255),
            width=max(3, w // 90),
            joint="curve",
        )
    cx, cy = w * 0.5, h * 0.6
    r = w * 0.035
    d.ellipse((cx - r + 3, cy - r + 4, cx + r + 3, cy + r + 4), fill=(0, 0, 0, 70))
    d.ellipse(
        (cx - r, cy - r, cx + r, cy + r), fill=(150, 100, 56, 255), outline=(96, 62, 34, 255), width=max(2, w // 200)
    )
    d.ellipse((cx - r * 0.5, cy - r * 0.6, cx, cy - r * 0.1), fill=(255, 230, 190, 80))
    return img


def gold_chain(length, rng):
    L = int(length)
    img = Image.new("RGBA", (L, int(L * 0.45)), (0, 0, 0, 0))
    d = Pen(img)
    h = img.height
    pts = bezier((L * 0.02, h * 0.2), (L * 0.3, h * 1.2), (L * 0.7, h * -0.4), (L * 0.98, h * 0.7), 120)
    link = L * 0.02
    for i, (x, y) in enumerate(pts):
        if i % 2 == 0 and i + 1 < len(pts):
            nx, ny = pts[i + 1]
            ang = math.degrees(math.atan2(ny - y, nx - x)) + (90 if (i // 2) % 2 else 0)
            e = ellipse_pts(x, y, link, link * 0.55, ang, 20)
            d.line(e + [e[0]], fill=(140, 104, 40, 255), width=max(2, int(link * 0.45)))
            d.line(e[:8], fill=(246, 214, 130, 255), width=max(1, int(link * 0.2)))
    return img


def draw_rim(d, cx, top_y, rx, ry, w, base, start, end):
    """Half of a basket's braided rim (0-180 degrees is the front half)."""
    rim = ellipse_pts(cx, top_y, rx, ry, 0, 80, start, end)
    rw = max(6, int(w * 0.035))
    d.line(rim, fill=rgba(shade(base, 0.75)), width=rw, joint="curve")
    for i, (x, y) in enumerate(rim):
        if i % 2 == 0:
            lit = 1.15 if y > top_y else 0.85
            d.line(
                (x - rw * 0.35, y - rw * 0.35, x + rw * 0.35, y + rw * 0.35),
                fill=rgba(shade(base, lit)),
                width=max(2, rw // 3),
            )


def basket_sprite(w, rng, base, height=0.62, handles="side", inner=None, headroom=0.0):
    """A round rattan basket: curved rows follow the rim, shading like a cylinder."""
    w = int(w)
    rx = w * 0.44
    ry = rx * 0.3
    bh = w * height
    pad = int(w * (0.06 + headroom))
    top_y = ry + pad
    H = int(top_y + bh + ry * 0.9 + 4)
    size = (w, H)
    cx = w / 2
    taper = 0.86
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    # inside (back wall)
    cell_w, cell_h = max(10, int(w * 0.05)), max(8, int(w * 0.028))
    tex = rattan_weave(int(w * 1.2), H + 40, cell_w, cell_h, base, rng)
    im_in = Image.new("RGBA", size, (0, 0, 0, 0))
    im_in.paste(tex.crop((0, 0, w, H)), (0, 0))
    im_m = Image.new("L", size, 0)
    ImageDraw.Draw(im_m).ellipse((cx - rx, top_y - ry, cx + rx, top_y + ry), fill=255)
    im_in.putalpha(im_m)
    im_in = multiply(
        im_in, profile(H, [(0, 170), (top_y / H, 125), ((top_y + ry) / H, 80), (1, 80)], vertical=True, other=w)
    )
    img.alpha_composite(im_in)
    draw_rim(Pen(img), cx, top_y, rx, ry, w, base, 180, 360)  # the back half, behind whatever is inside
    if inner is not None:
        inner(img, cx, top_y, rx, ry)
    # body: rows bend with the front of the rim, squeezed at the sides
    sw = 4
    mesh = []
    for x in range(0, w, sw):
        xs = []
        for xx in (x, min(w, x + sw)):
            t = clamp((xx - cx) / rx, -0.999, 0.999)
            xs.append((rx * math.asin(t) + rx * 1.6, ry * math.sqrt(1 - t * t)))
        (u0, o0), (u1, o1) = xs
        mesh.append(
            (
                (x, 0, min(w, x + sw), H),
                (u0, -o0 - top_y + ry, u0, H - o0 - top_y + ry, u1, H - o1 - top_y + ry, u1, -o1 - top_y + ry),
            )
        )
    tex2 = rattan_weave(int(rx * 3.4), H + int(ry * 3), cell_w, cell_h, base, rng)
    body = tex2.transform(size, Image.Transform.MESH, mesh, BICUBIC).convert("RGBA")
    bpts = ellipse_pts(cx, top_y, rx, ry, 0, 60, 0, 180) + list(
        reversed(ellipse_pts(cx, top_y + bh, rx * taper, ry * taper, 0, 60, 0, 180))
    )
    bm = poly_mask(size, bpts, 1.0)
    body.putalpha(bm)
    sh = profile(
        w,
        [
            (0, 130),
            ((cx - rx) / w, 130),
            (0.22, 215),
            (0.42, 255),
            (0.62, 245),
            (0.85, 185),
            ((cx + rx) / w, 125),
            (1, 125),
        ],
        other=H,
    )
    sh = ImageChops.multiply(
        sh, profile(H, [(0, 255), ((top_y + bh * 0.6) / H, 245), (1, 175)], vertical=True, other=w)
    )
    body = multiply(body, sh)
    img.alpha_composite(body)
    d = Pen(img)
    draw_rim(Pen(img), cx, top_y, rx, ry, w, base, 0, 180)
    if handles == "side":
        for s in (-1, 1):
            hx = cx + s * rx * 0.97
            loop = ellipse_pts(
                hx + s * w * 0.035,
                top_y + bh * 0.12,
                w * 0.05,
                bh * 0.1,
                0,
                30,
                -90 if s > 0 else 90,
                90 if s > 0 else 270,
            )
            d.line(loop, fill=rgba(shade(base, 0.7)), width=max(6, int(w * 0.028)), joint="curve")
            d.line(loop, fill=rgba(shade(base, 1.05)), width=max(3, int(w * 0.014)), joint="curve")
    return img, (cx, top_y, rx, ry)


def snake_plant(img, cx, top_y, rx, ry, rng, height):
    d = Pen(img)
    leaves = []
    for _i in range(9):
        x0 = cx + rng.uniform(-rx * 0.55, rx * 0.55)
        lean = rng.uniform(-0.35, 0.35) + (x0 - cx) / rx * 0.3
        ln = height * rng.uniform(0.6, 1.0)
        leaves.append((ln, x0, lean))
    leaves.sort()
    for ln, x0, lean in leaves:
        base_y = top_y + ry * 0.2
        tip = (x0 + lean * ln, base_y - ln)
        wdt = rx * rng.uniform(0.09, 0.13)
        left = quad_bezier((x0 - wdt, base_y), (x0 - wdt * 1.3 + lean * ln * 0.4, base_y - ln * 0.5), tip, 20)
        right = quad_bezier(tip, (x0 + wdt * 1.3 + lean * ln * 0.4, base_y - ln * 0.5), (x0 + wdt, base_y), 20)
        poly = left + right
        c = jitter((52, 96, 56), rng, 10)
        d.polygon(poly, fill=rgba(c))
        m = poly_mask(img.size, poly, 0.8)
        bands = Image.new("RGBA", img.size, (0, 0, 0, 0))
        bd = ImageDraw.Draw(bands)
        for k in range(16):
            yy = base_y - ln * (k + rng.uniform(0, 0.5)) / 16
            bd.line(
                [(x0 - wdt * 2 + lean * (base_y - yy), yy), (x0 + wdt * 2 + lean * (base_y - yy), yy - wdt * 0.6)],
                fill=rgba(shade(c, rng.choice([0.7, 1.25])), 150),
                width=max(2, int(wdt * 0.18)),
            )
        bands.putalpha(ImageChops.multiply(bands.getchannel("A"), m))
        img.alpha_composite(bands)
        d = Pen(img)
        d.line(left, fill=(196, 186, 90, 255), width=max(2, int(wdt * 0.14)))
        d.line(right, fill=(196, 186, 90, 255), width=max(2, int(wdt * 0.14)))


# --------------------------------------------------------------------------- logos


def draw_logo(path, initials, accent, size=512):
    S = size * 2
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((4, 4, S - 4, S - 4), fill=rgba(accent))
    r = S * 0.43
    c = S / 2
    d.ellipse((c - r, c - r, c + r, c + r), outline=(250, 244, 232, 255), width=int(S * 0.012))
    f = fit_font(initials, S * 0.62, S * 0.44)
    bbox = d.textbbox((0, 0), initials, font=f, stroke_width=int(S * 0.012))
    tw, th = bbox[2] - bbox[0], bbox[3] - bbox[1]
    d.text(
        (c - tw / 2 - bbox[0], c - th / 2 - bbox[1]),
        initials,
        font=f,
        fill=(250, 244, 232, 255),
        stroke_width=int(S * 0.012),
        stroke_fill=(250, 244, 232, 255),
    )
    img = img.resize((size, size), LANCZOS)
    img.quantize(48, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


# --------------------------------------------------------------------------- scenes: batik


def cloth_tex(kind, pal, w, h, scale, rng):
    if kind == "plain":
        return tex_plain(int(w), int(h), pal["bg"], rng)
    pal = dict(pal)
    if "inner" in pal:  # wax lines on a dyed cloth are never paper white
        pal["line"] = mix(pal["line"], pal["bg"], 0.18)
    # cotton is soft: no pixel-sharp edges (this also keeps the JPEGs small)
    return batik(kind, w, h, scale, pal, rng).filter(ImageFilter.GaussianBlur(SS * 0.5))


def scene_folded(cv, rng, cloths, props=(), bg=None):
    """A stack of folded cloths, top one showing its motif; cloths are (kind, palette) bottom to top."""
    W, H, _u = cv.W, cv.H, cv.u
    n = len(cloths)
    for i, (kind, pal) in enumerate(cloths):
        top = i == n - 1
        cw = W * rng.uniform(0.5, 0.56) * (1.0 if top else 1.04)
        dd = H * 0.4
        t = H * 0.055 * (1.3 if top else 0.9)
        tex = cloth_tex(kind, pal, cw, dd * 1.25 + t * 3 + 4, cw * 0.115, rng)
        sp = folded_cloth(tex, cw, dd, t)
        sp = rotate_sprite(sp, rng.uniform(-5, 5) + (0 if top else rng.choice([-7, 7])))
        k = n - 1 - i
        x = W * 0.5 - sp.width / 2 + W * 0.03 + k * W * rng.uniform(-0.05, 0.05)
        y = H * 0.5 - sp.height / 2 + H * 0.04 - k * H * 0.09
        cv.place(sp, x, y)
    for prop in props:
        prop(cv, rng)


def prop_sprig(where="left"):
    def f(cv, rng):
        sp = leaf_sprig(cv.H * 0.55, rng)
        sp = rotate_sprite(sp, rng.uniform(-60, -30) if where == "left" else rng.uniform(30, 60))
        x = -cv.W * 0.04 if where == "left" else cv.W * 0.98 - sp.width
        y = cv.H * 0.98 - sp.height if where == "left" else cv.H * 0.02
        cv.place(sp, x, y, strength=0.8)

    return f


def prop_canting(cv, rng):
    sp = rotate_sprite(canting(cv.W * 0.3), rng.uniform(20, 35))
    cv.place(sp, cv.W * 0.98 - sp.width, cv.H * 0.97 - sp.height, strength=0.8)


def prop_bark(cv, rng):
    for i in range(4):
        sp = rotate_sprite(bark_piece(cv.W * rng.uniform(0.07, 0.11), rng), rng.uniform(0, 360))
        cv.place(
            sp,
            cv.W * (0.78 + 0.05 * (i % 2)) + rng.uniform(-cv.u * 3, cv.u * 3),
            cv.H * (0.66 + 0.07 * i) - sp.height / 2,
            strength=0.7,
        )


def prop_shavings(cv, rng):
    for _ in range(9):
        sp = shaving(cv.W * rng.uniform(0.04, 0.07), rng)
        cv.place(sp, cv.W * rng.uniform(0.03, 0.16), cv.H * rng.uniform(0.6, 0.88), strength=0.6)


def scene_hanging(cv, rng, cloths, rod_y=0.12, wall="cream"):
    """Cloths hanging from a bamboo rod on the wall; cloths are (tex, width, length, fringe, waves)."""
    W, H, u = cv.W, cv.H, cv.u
    ry = H * rod_y
    thick = u * 2.6
    d = Pen(cv.img)
    for x in (W * 0.12, W * 0.88):
        d.line((x, 0, x, ry), fill=(150, 120, 80, 255), width=int(u * 0.35))
    total = sum(c[1] for c in cloths) + W * 0.02 * (len(cloths) - 1)
    x = W / 2 - total / 2
    sprites = []
    for tex, cw, length, fringe, waves in cloths:
        sp = hanging_cloth(tex, cw, length, waves, rng, hem=0.025, fringe=fringe, fold_depth=0.4)
        sprites.append((sp, x))
        x += cw + W * 0.02
    for sp, x in sprites:
        cv.place(sp, x, ry)
        lip = Image.new("RGBA", (sp.width, int(thick * 1.4)), (0, 0, 0, 0))
        c = sp.getpixel((sp.width // 2, int(sp.height * 0.3)))
        ImageDraw.Draw(lip).rounded_rectangle(
            (0, 0, sp.width - 1, lip.height - 1), radius=thick * 0.5, fill=rgba(shade(c, 0.8))
        )
        cv.img.alpha_composite(lip, (int(x), int(ry - thick * 0.9)))
    rod = bamboo_rod(W * 0.9, thick, rng)
    cv.place(rod, W * 0.05, ry - thick / 2, strength=0.7)


def scene_closeup(cv, rng, tex):
    """A close look at the motif: soft folds, sharp in the middle, out of focus above and below."""
    sp = hanging_cloth(tex, cv.W * 1.1, cv.H * 1.1, 2.3, rng, hem=0, fold_depth=0.3)
    cv.img.alpha_composite(sp, (-int(cv.W * 0.05), -int(cv.H * 0.05)))
    soft = cv.img.filter(ImageFilter.GaussianBlur(cv.u * 0.9))
    focus = profile(cv.H, [(0, 255), (0.3, 0), (0.62, 0), (1, 255)], vertical=True, other=cv.W)
    cv.img.paste(soft, (0, 0), focus)


def scene_garment(cv, rng, kind, tex, props=(), hanger=False, accent_line=None):
    W, H = cv.W, cv.H
    if hanger:
        gw = W * 0.82
        gh = gw * 1.02
        gx, gy = W / 2 - gw / 2, H * 0.2
    else:
        gh = H * 0.9
        gw = gh * (1.0 if kind == "kemeja" else 0.92)
        if kind != "kemeja":
            gh, gw = gh * 0.9, gw * 0.9
        gx, gy = W / 2 - gw / 2 + rng.uniform(-W * 0.02, W * 0.02), H * 0.05
    sp = garment(tex, gw, gh, kind, rng, accent_line)
    if hanger:
        d = Pen(cv.img)
        peg = (W / 2, H * 0.07)
        hook = ellipse_pts(W / 2, H * 0.1, cv.u * 2.2, cv.u * 2.6, 0, 30, 180, 360)
        d.line(
            hook + [(W / 2 + cv.u * 2.2, H * 0.1), (W / 2, gy + gh * 0.03)],
            fill=(150, 150, 146, 255),
            width=int(cv.u * 0.6),
            joint="curve",
        )
        d.ellipse(
            (peg[0] - cv.u * 1.6, peg[1] - cv.u * 1.6, peg[0] + cv.u * 1.6, peg[1] + cv.u * 1.6),
            fill=(120, 86, 52, 255),
        )
        bar = quad_bezier(
            (gx + gw * 0.25, gy + gh * 0.11), (W / 2, gy - gh * 0.01), (gx + gw * 0.75, gy + gh * 0.11), 30
        )
        d.line(bar, fill=(150, 104, 62, 255), width=int(cv.u * 1.8), joint="curve")
        cv.place(sp, gx, gy, strength=0.9)
    else:
        cv.place(rotate_sprite(sp, rng.uniform(-3, 3)), gx, gy)
    for prop in props:
        prop(cv, rng)


def scene_masks(cv, rng, texs):
    W, H = cv.W, cv.H
    angles = [-14, 3, 16]
    for i, tex in enumerate(texs):
        sp = rotate_sprite(mask_sprite(tex, W * 0.4, rng), angles[i] + rng.uniform(-3, 3))
        x = W * (0.3 + 0.2 * i) - sp.width / 2
        y = H * (0.36 + 0.12 * (i % 2)) - sp.height / 2 + (H * 0.12 if i == 1 else 0)
        cv.place(sp, x, y)
    prop_sprig("right")(cv, rng)


# --------------------------------------------------------------------------- scenes: snacks

ACCENT_DAPUR = (181, 57, 31)
KRAFT = (196, 156, 106)


def table_chips(cv, rng, kind, n, x0, x1, y0, y1, s):
    d = Pen(cv.img)
    items = sorted((rng.uniform(y0, y1), rng.uniform(x0, x1)) for _ in range(n))
    for y, x in items:
        CHIPS[kind](d, x, y, s * rng.uniform(0.85, 1.1), rng)


def scene_pouch_plate(cv, rng, kind, title, subtitle, material=KRAFT, plate_style="bamboo", n=40, chip=3.6, flip=False):
    W, H, u = cv.W, cv.H, cv.u
    pw = W * 0.3
    pouch = pouch_sprite(pw, rng, material, title, subtitle, content=(kind, material))
    pouch = rotate_sprite(pouch, rng.uniform(-2, 2))
    px = W * (0.6 if not flip else 0.1) + rng.uniform(-u * 2, u * 2)
    cv.place(pouch, px, H * 0.9 - pouch.height, lying=False)
    pl = plate(W * 0.48, rng, plate_style)
    plx = W * (0.08 if not flip else 0.46)
    ply = H * 0.97 - pl.height
    cv.place(pl, plx, ply, strength=0.9)
    d = Pen(cv.img)
    heap(d, kind, plx + pl.width / 2, ply + pl.height * 0.42, pl.width * 0.3, pl.height * 0.22, n, u * chip, rng)
    if flip:
        table_chips(cv, rng, kind, 3, W * 0.05, W * 0.4, H * 0.88, H * 0.95, u * chip)
    else:
        table_chips(cv, rng, kind, 3, W * 0.58, W * 0.95, H * 0.9, H * 0.96, u * chip)


def scene_three_pouches(cv, rng, kind, title, sizes=("100 g", "250 g", "500 g"), material=KRAFT):
    W, H, u = cv.W, cv.H, cv.u
    xs = [0.08, 0.36, 0.66]
    scales = [0.2, 0.25, 0.3]
    for i in (0, 2, 1):
        sp = pouch_sprite(W * scales[i], rng, material, title, "Berat bersih " + sizes[i], content=(kind, material))
        cv.place(sp, W * xs[i] + (W * 0.28 - sp.width) / 2, H * (0.9 if i != 1 else 0.93) - sp.height, lying=False)
    table_chips(cv, rng, kind, 7, W * 0.1, W * 0.9, H * 0.93, H * 0.985, u * 3.4)


def scene_closeup_snack(cv, rng, kind, n=20, s=11):
    W, H, u = cv.W, cv.H, cv.u
    leaf = Image.new("RGBA", (int(W * 1.3), int(H * 0.9)), (0, 0, 0, 0))
    ld = ImageDraw.Draw(leaf)
    ld.rectangle((0, 0, leaf.width, leaf.height), fill=(70, 124, 60, 255))
    for x in range(-leaf.height, leaf.width, int(u * 1.2)):
        ld.line(
            (x, 0, x + leaf.height * 0.5, leaf.height),
            fill=(84, 140, 70, 255) if (x // int(u * 1.2)) % 2 else (62, 112, 54, 255),
            width=int(u * 0.45),
        )
    ld.line((0, leaf.height * 0.02, leaf.width, leaf.height * 0.02), fill=(150, 180, 100, 255), width=int(u * 1.6))
    leaf = multiply(leaf, profile(leaf.width, [(0, 200), (0.4, 255), (1, 190)], other=leaf.height))
    leaf = rotate_sprite(leaf, rng.uniform(-8, -4))
    cv.place(leaf, -W * 0.12, H * 0.12, strength=0.7)
    d = Pen(cv.img)
    heap(d, kind, W * 0.5, H * 0.56, W * 0.36, H * 0.3, n, u * s, rng)


def scene_toples_plate(cv, rng, cookie):
    W, H, u = cv.W, cv.H, cv.u
    tp = toples_sprite(W * 0.34, rng, cookie)
    cv.place(tp, W * 0.56, H * 0.84 - tp.height, lying=False)
    pl = plate(W * 0.5, rng, "enamel")
    plx, ply = W * 0.06, H * 0.97 - pl.height
    cv.place(pl, plx, ply, strength=0.9)
    cx, cy = plx + pl.width / 2, ply + pl.height * 0.42
    rx, ry = pl.width * 0.3, pl.height * 0.24
    if cookie == "nastar":
        r = u * 4.8
        spr = [nastar_sprite(r, rng) for _ in range(5)]
        items = []
        for ring, count, lift in ((0.95, 11, 0), (0.55, 7, 0), (0.0, 1, 0), (0.4, 5, 0.9), (0.0, 1, 1.6)):
            for k in range(count):
                a = 2 * math.pi * k / count + ring + lift
                items.append((cy + math.sin(a) * ry * ring - lift * r, cx + math.cos(a) * rx * ring))
        items.sort(key=lambda it: it[0] + 0 * it[1])
        for y, x in items:
            sp = rng.choice(spr)
            cv.place(sp, x - sp.width / 2, y - sp.height / 2, strength=0.6)
        for x in (W * 0.62, W * 0.72):
            sp = rng.choice(spr)
            cv.place(sp, x, H * 0.9, strength=0.7)
    else:
        items = []
        for _i in range(18):
            items.append((cy + rng.uniform(-ry, ry) * 0.8, cx + rng.uniform(-rx, rx) * 0.8))
        items.sort()
        for y, x in items:
            sp = rotate_sprite(kastengel_sprite(u * 13, rng), rng.uniform(-40, 40))
            cv.place(sp, x - sp.width / 2, y - sp.height / 2, strength=0.6)
        for x in (W * 0.64,):
            sp = rotate_sprite(kastengel_sprite(u * 13, rng), 12)
            cv.place(sp, x, H * 0.9, strength=0.7)


SAMBAL_RED = dict(
    base=(168, 34, 22), bits=[((214, 70, 36), 230), ((236, 180, 90), 220), ((110, 20, 14), 230), ((230, 110, 50), 200)]
)
SAMBAL_IJO = dict(
    base=(96, 120, 42),
    bits=[
        ((130, 150, 60), 230),
        ((210, 210, 150), 220),
        ((60, 80, 30), 230),
        ((196, 196, 186), 230),
        ((150, 170, 80), 200),
    ],
)


def scene_jar(cv, rng, content, lid, lid_color, label, chili_color, extra="shallot"):
    W, H, u = cv.W, cv.H, cv.u
    jar = jar_sprite(W * 0.3, rng, content, lid, lid_color, label, accent=ACCENT_DAPUR)
    cv.place(jar, W * 0.52, H * 0.9 - jar.height, lying=False)
    for i in range(4):
        sp = rotate_sprite(
            chili(W * rng.uniform(0.16, 0.21), rng, chili_color, rng.uniform(0.1, 0.35)), rng.uniform(-30, 30)
        )
        cv.place(sp, W * (0.06 + 0.1 * i) + rng.uniform(-u * 2, u * 2), H * (0.72 + 0.05 * (i % 2)), strength=0.8)
    for i in range(3):
        if extra == "shallot":
            sp = shallot(W * rng.uniform(0.06, 0.075), rng)
        else:
            sp = shallot(W * 0.05, rng, (232, 226, 206))
        sp = rotate_sprite(sp, rng.uniform(-40, 40))
        cv.place(sp, W * (0.3 + 0.07 * i), H * (0.83 + 0.03 * (i % 2)), strength=0.8)


def scene_pecel_pack(cv, rng):
    W, H, u = cv.W, cv.H, cv.u
    pouch = pouch_sprite(W * 0.3, rng, (150, 96, 52), "Bumbu Pecel", "Pedas sedang · 250 g", window=False)
    cv.place(pouch, W * 0.58, H * 0.9 - pouch.height, lying=False)
    pl = plate(W * 0.44, rng, "bamboo")
    plx, ply = W * 0.08, H * 0.96 - pl.height
    cv.place(pl, plx, ply, strength=0.9)
    # a broken block of peanut paste
    d = Pen(cv.img)
    cx, cy = plx + pl.width * 0.5, ply + pl.height * 0.42
    for k in range(3):
        bx = cx + (k - 1) * pl.width * 0.2
        pts = blob(bx, cy + rng.uniform(-u, u), pl.width * 0.15, rng, 0.2, 9, 0.6, rng.uniform(-20, 20), smooth=0)
        d.polygon([(x + u * 0.6, y + u * 1.1) for x, y in pts], fill=(40, 20, 10, 80))
        c = jitter((150, 84, 40), rng, 8)
        d.polygon(pts, fill=rgba(c), outline=rgba(shade(c, 0.7)), width=int(u * 0.3))
        for _ in range(14):
            x, y = (
                bx + rng.uniform(-pl.width * 0.07, pl.width * 0.07),
                cy + rng.uniform(-pl.width * 0.04, pl.width * 0.04),
            )
            r = u * rng.uniform(0.4, 0.9)
            d.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=rgba(jitter((206, 150, 96), rng, 12)))
        d.line(pts[:4], fill=rgba(shade(c, 1.3), 160), width=int(u * 0.4))
    for _ in range(10):  # loose peanuts
        x, y = rng.uniform(W * 0.08, W * 0.55), rng.uniform(H * 0.9, H * 0.98)
        a = rng.uniform(0, 180)
        d.polygon(ellipse_pts(x + u * 0.3, y + u * 0.5, u * 1.3, u * 0.85, a, 16), fill=(40, 20, 10, 70))
        c = jitter((204, 150, 96), rng, 10)
        d.polygon(ellipse_pts(x, y, u * 1.3, u * 0.85, a, 16), fill=rgba(c), outline=rgba(shade(c, 0.75)))


def scene_pecel_plate(cv, rng):
    W, H, u = cv.W, cv.H, cv.u
    pl = plate(W * 0.72, rng, "enamel")
    plx, ply = W * 0.14, H * 0.54 - pl.height / 2
    cv.place(pl, plx, ply)
    d = Pen(cv.img)
    cx, cy = plx + pl.width / 2, ply + pl.height * 0.43
    rx, ry = pl.width * 0.33, pl.height * 0.28
    for _ in range(70):  # spinach leaves and cabbage
        a, r = rng.uniform(0, 6.28), math.sqrt(rng.uniform(0, 1))
        x, y = cx + math.cos(a) * r * rx * 0.92, cy + math.sin(a) * r * ry * 0.85
        c = jitter(rng.choice([(52, 100, 44), (70, 124, 52), (160, 190, 110), (40, 84, 36), (62, 112, 48)]), rng, 8)
        ang = rng.uniform(0, 180)
        ln = u * rng.uniform(3.5, 6.5)
        d.polygon(ellipse_pts(x + u * 0.3, y + u * 0.5, ln, ln * 0.55, ang, 24), fill=(30, 50, 20, 70))
        d.polygon(ellipse_pts(x, y, ln, ln * 0.55, ang, 24), fill=rgba(c))
        aa = math.radians(ang)
        d.line(
            (
                x - math.cos(aa) * ln * 0.9,
                y - math.sin(aa) * ln * 0.9,
                x + math.cos(aa) * ln * 0.8,
                y + math.sin(aa) * ln * 0.8,
            ),
            fill=rgba(shade(c, 1.3)),
            width=max(2, int(u * 0.25)),
        )
    for _ in range(14):  # long beans
        x, y = cx + rng.uniform(-rx, rx) * 0.8, cy + rng.uniform(-ry, ry) * 0.7
        a = rng.uniform(0, math.pi)
        ln = u * rng.uniform(6, 10)
        d.line((x, y, x + math.cos(a) * ln, y + math.sin(a) * ln * 0.6), fill=(90, 150, 56, 255), width=int(u * 1.2))
        d.line(
            (x, y - u * 0.3, x + math.cos(a) * ln, y + math.sin(a) * ln * 0.6 - u * 0.3),
            fill=(140, 190, 90, 200),
            width=int(u * 0.35),
        )
    for _ in range(40):  # bean sprouts
        x, y = cx + rng.uniform(-rx, rx) * 0.85, cy + rng.uniform(-ry, ry) * 0.75
        pts = quad_bezier(
            (x, y),
            (x + rng.uniform(-u * 3, u * 3), y + rng.uniform(-u * 3, u * 3)),
            (x + rng.uniform(-u * 4, u * 4), y + rng.uniform(-u * 2, u * 2)),
            8,
        )
        d.line(pts, fill=(242, 238, 220, 255), width=int(u * 0.5))
        d.ellipse(
            (pts[0][0] - u * 0.5, pts[0][1] - u * 0.5, pts[0][0] + u * 0.5, pts[0][1] + u * 0.5),
            fill=(226, 210, 140, 255),
        )
    # the peanut sauce poured over the middle, vegetables peeking out at the edges
    sauce = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    sd = ImageDraw.Draw(sauce)
    sc = (164, 90, 38, 255)
    sd.polygon(blob(cx - rx * 0.08, cy, rx * 0.5, rng, 0.25, 18, 0.62), fill=sc)
    for _ in range(8):
        a = rng.uniform(0, 6.28)
        sd.polygon(
            blob(
                cx - rx * 0.08 + math.cos(a) * rx * 0.48,
                cy + math.sin(a) * ry * 0.55,
                rx * rng.uniform(0.08, 0.15),
                rng,
                0.3,
                10,
                0.7,
            ),
            fill=sc,
        )
    sauce = sauce.filter(ImageFilter.GaussianBlur(u * 0.2))
    cv.img.alpha_composite(sauce)
    d = Pen(cv.img)
    for _ in range(5):  # sheen
        x, y = cx - rx * 0.08 + rng.uniform(-rx, rx) * 0.3, cy + rng.uniform(-ry, ry) * 0.35
        d.polygon(
            ellipse_pts(x, y, u * rng.uniform(1.5, 3), u * 0.5, rng.uniform(-20, 20), 16), fill=(236, 180, 120, 110)
        )
    for _ in range(60):  # crushed peanuts in the sauce
        x, y = cx - rx * 0.08 + rng.uniform(-rx, rx) * 0.4, cy + rng.uniform(-ry, ry) * 0.4
        r = u * rng.uniform(0.25, 0.55)
        d.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=(206, 146, 90, 230))
    for _ in range(10):  # a few sprouts on top
        x, y = cx + rng.uniform(-rx, rx) * 0.5, cy + rng.uniform(-ry, ry) * 0.5
        pts = quad_bezier(
            (x, y),
            (x + rng.uniform(-u * 3, u * 3), y + rng.uniform(-u * 3, u * 3)),
            (x + rng.uniform(-u * 4, u * 4), y + rng.uniform(-u * 2, u * 2)),
            8,
        )
        d.line(pts, fill=(242, 238, 220, 255), width=int(u * 0.5))
    for k in range(2):
        rempeyek(d, plx + pl.width * (0.78 + 0.08 * k), ply + pl.height * (0.35 + 0.25 * k), u * 7.5, rng)


# --------------------------------------------------------------------------- scenes: woven goods

PANDAN_NATURAL = (214, 190, 136)
PANDAN_HIJAU = (118, 150, 84)
PANDAN_MARUN = (128, 42, 48)
MENDONG = (196, 178, 124)
MENDONG_COKLAT = (116, 82, 52)
RATTAN = (216, 168, 102)


def scene_tote(cv, rng, base, stripe):
    W, H, u = cv.W, cv.H, cv.u
    sp = tote_sprite(W * 0.46, rng, base, stripe)
    cv.place(sp, W * 0.5 - sp.width / 2 + rng.uniform(-u * 3, u * 3), H * 0.9 - sp.height, lying=False)
    leaves = leaf_sprig(H * 0.4, rng, (96, 128, 70), 7, 0.12)
    cv.place(rotate_sprite(leaves, -75), W * 0.74, H * 0.8, strength=0.7)


def scene_sling(cv, rng, base, stripes=True):
    W, H, _u = cv.W, cv.H, cv.u
    sp = sling_sprite(W * 0.44, rng, base, stripes)
    cv.place(sp, W * 0.5 - sp.width / 2, H * 0.92 - sp.height, lying=False)


def scene_dompets(cv, rng, colors):
    W, H = cv.W, cv.H
    n = len(colors)
    for i, c in enumerate(colors):
        sp = rotate_sprite(zip_pouch(W * 0.36, rng, c), rng.uniform(-14, 14))
        x = W * (0.06 + 0.58 * i / (n - 1)) + rng.uniform(-W * 0.01, W * 0.01)
        y = H * (0.18 + 0.3 * (i % 2)) + rng.uniform(-H * 0.02, H * 0.02)
        cv.place(sp, x, y)


def scene_clutch(cv, rng):
    W, H, u = cv.W, cv.H, cv.u
    chain = rotate_sprite(gold_chain(W * 0.62, rng), -8)
    cv.place(chain, W * 0.3, H * 0.06, strength=0.6)
    sp = rotate_sprite(clutch_sprite(W * 0.58, rng, MENDONG, gold=True), rng.uniform(-4, 4))
    cv.place(sp, W * 0.18, H * 0.3)
    d = Pen(cv.img)
    for k in range(7):  # jasmine buds and flowers
        x, y = W * rng.uniform(0.05, 0.22), H * rng.uniform(0.1, 0.9)
        if k % 2:
            for p in range(5):
                a = math.radians(72 * p + rng.uniform(0, 20))
                d.polygon(
                    ellipse_pts(
                        x + math.cos(a) * u * 1.3, y + math.sin(a) * u * 1.3, u * 1.4, u * 0.8, math.degrees(a), 14
                    ),
                    fill=(252, 250, 244, 255),
                    outline=(220, 214, 200, 255),
                )
            d.ellipse((x - u * 0.5, y - u * 0.5, x + u * 0.5, y + u * 0.5), fill=(236, 222, 150, 255))
        else:
            d.polygon(
                ellipse_pts(x, y, u * 1.6, u * 0.8, rng.uniform(0, 180), 14),
                fill=(246, 242, 228, 255),
                outline=(214, 206, 186, 255),
            )


def scene_baskets(cv, rng):
    W, H = cv.W, cv.H
    specs = [(0.4, 0.04, 0.88), (0.31, 0.5, 0.9), (0.23, 0.35, 0.97)]
    for w, x, bottom in specs:
        sp, _ = basket_sprite(W * w, rng, jitter(RATTAN, rng, 8))
        cv.place(sp, W * x, H * bottom - sp.height, lying=False)


def scene_basket_plant(cv, rng):
    W, H = cv.W, cv.H
    bw = W * 0.62

    def inner(img, cx, top_y, rx, ry):
        d = Pen(img)
        d.ellipse((cx - rx * 0.93, top_y - ry * 0.8, cx + rx * 0.93, top_y + ry * 0.9), fill=(84, 60, 42, 255))
        for _ in range(120):
            x, y = cx + rng.uniform(-0.85, 0.85) * rx, top_y + rng.uniform(-0.6, 0.7) * ry
            r = rx * rng.uniform(0.008, 0.02)
            d.ellipse((x - r, y - r, x + r, y + r), fill=rgba(rng.choice([(110, 80, 56), (62, 44, 30)])))
        snake_plant(img, cx, top_y, rx, ry, rng, top_y - 10)

    sp, _ = basket_sprite(bw, rng, RATTAN, height=0.55, inner=inner, headroom=0.9)
    cv.place(sp, W / 2 - sp.width / 2, H * 0.92 - sp.height, lying=False)


def scene_parsel(cv, rng):
    W, H, _u = cv.W, cv.H, cv.u
    bw = W * 0.62

    def inner(img, cx, top_y, rx, ry):
        d = Pen(img)
        handle = quad_bezier(
            (cx - rx * 0.92, top_y + ry * 0.2), (cx, top_y - rx * 2.3), (cx + rx * 0.92, top_y + ry * 0.2), 60
        )
        d.line(handle, fill=rgba(shade(RATTAN, 0.7)), width=int(bw * 0.05), joint="curve")
        d.line(handle, fill=rgba(RATTAN), width=int(bw * 0.035), joint="curve")
        for i in range(0, 61, 2):
            x, y = handle[i]
            d.line(
                (x - bw * 0.016, y - bw * 0.012, x + bw * 0.016, y + bw * 0.012),
                fill=rgba(shade(RATTAN, 0.8)),
                width=max(2, int(bw * 0.006)),
            )
        d.ellipse((cx - rx * 0.92, top_y - ry * 0.82, cx + rx * 0.92, top_y + ry * 0.9), fill=(176, 132, 84, 255))
        for _ in range(260):  # shredded paper bedding
            x, y = cx + rng.uniform(-0.85, 0.85) * rx, top_y + rng.uniform(-0.7, 0.7) * ry
            if ((x - cx) / rx) ** 2 + ((y - top_y) / ry) ** 2 > 0.85:
                continue
            pts = quad_bezier(
                (x, y),
                (x + rng.uniform(-1, 1) * rx * 0.06, y + rng.uniform(-1, 1) * ry * 0.2),
                (x + rng.uniform(-1, 1) * rx * 0.1, y + rng.uniform(-1, 1) * ry * 0.15),
                8,
            )
            d.line(
                pts,
                fill=rgba(jitter(rng.choice([(214, 178, 120), (236, 214, 168), (196, 150, 96)]), rng, 8)),
                width=max(2, int(rx * 0.012)),
            )
        t1 = toples_sprite(rx * 0.62, rng, "nastar")
        img.alpha_composite(t1, (int(cx - rx * 0.72), int(top_y + ry * 1.0 - t1.height)))
        pouch = pouch_sprite(rx * 0.5, rng, KRAFT, "Keripik Tempe", "250 g", content=("tempe", KRAFT))
        img.alpha_composite(pouch, (int(cx + rx * 0.08), int(top_y + ry * 1.05 - pouch.height)))
        t2 = toples_sprite(rx * 0.5, rng, "kastengel", lid_color=(196, 150, 60))
        img.alpha_composite(t2, (int(cx - rx * 0.22), int(top_y + ry * 1.55 - t2.height)))
        # ribbon bow on the handle
        d = Pen(img)
        bx, by = handle[24]
        red = (176, 28, 40)
        for ang in (-160, -20):
            a = math.radians(ang)
            d.polygon(
                ellipse_pts(bx + math.cos(a) * bw * 0.055, by + math.sin(a) * bw * 0.03, bw * 0.06, bw * 0.03, ang, 30),
                fill=rgba(red),
                outline=rgba(shade(red, 0.7)),
                width=max(2, int(bw * 0.004)),
            )
        for ang in (110, 75):
            a = math.radians(ang)
            d.line(
                (bx, by, bx + math.cos(a) * bw * 0.12, by + math.sin(a) * bw * 0.14),
                fill=rgba(shade(red, 0.9)),
                width=int(bw * 0.022),
            )
        d.ellipse((bx - bw * 0.016, by - bw * 0.016, bx + bw * 0.016, by + bw * 0.016), fill=rgba(shade(red, 0.8)))

    sp, _ = basket_sprite(bw, rng, RATTAN, height=0.22, handles=None, inner=inner, headroom=0.95)
    cv.place(sp, W / 2 - sp.width / 2, H * 0.94 - sp.height, lying=False)


# --------------------------------------------------------------------------- the photo list

LAND, PORT = (1600, 1200), (1200, 1600)


def B(seller, name, scene, size=LAND, bg="linen", horizon=None, exif=None, **kw):
    return dict(seller=seller, name=name, scene=scene, size=size, bg=bg, horizon=horizon, exif=exif, kw=kw)


def batik_photos():
    s = "batik-malon"
    return [
        B(
            s,
            "kain-indigo.jpg",
            "folded",
            bg="wood",
            cloths=[("plain", INDIGO_LIGHT), ("ceplok", INDIGO_LIGHT), ("kawung", INDIGO)],
            props=["sprig_left"],
        ),
        B(
            s,
            "kain-indigo-2.jpg",
            "hanging",
            bg="cream",
            exif=dict(
                orientation=6, make="Samsung", model="Galaxy A14", gps=(-7.0846, 110.3731), when="2024:03:14 09:41:07"
            ),
            cloths=[("kawung", INDIGO, 0.64, 0.8, 0.0, 2.2, 0.115)],
        ),
        B(s, "kain-indigo-3.jpg", "closeup", cloth=("kawung", INDIGO, 0.23)),
        B(
            s,
            "kain-tingi-parang.jpg",
            "folded",
            bg="linen",
            cloths=[("plain", TINGI), ("parang", TINGI)],
            props=["bark"],
        ),
        B(s, "kain-tingi-parang-2.jpg", "closeup", cloth=("parang", TINGI, 0.15)),
        B(
            s,
            "kain-mahoni-ceplok.jpg",
            "folded",
            bg="sand",
            cloths=[("plain", MAHONI), ("ceplok", MAHONI)],
            props=["shavings"],
        ),
        B(
            s,
            "cap-kombinasi-biru.jpg",
            "folded",
            bg="mist",
            cloths=[("ceplok", INDIGO_LIGHT), ("kawung", SOGA_INDIGO)],
            props=["canting"],
        ),
        B(
            s,
            "cap-kombinasi-coklat.jpg",
            "folded",
            bg="linen",
            cloths=[("kawung", TINGI)],
            props=["canting", "sprig_left"],
        ),
        B(
            s,
            "selendang-sutra.jpg",
            "hanging",
            size=PORT,
            bg="cream",
            cloths=[
                ("lereng", INDIGO_LIGHT, 0.27, 0.66, 0.05, 1.3, 0.09),
                ("lereng", TINGI, 0.27, 0.72, 0.05, 1.2, 0.09),
                ("lereng", MAHONI, 0.27, 0.6, 0.05, 1.4, 0.09),
            ],
        ),
        B(
            s,
            "selendang-sutra-2.jpg",
            "folded",
            bg="peach",
            cloths=[("lereng", MAHONI), ("lereng", TINGI), ("lereng", INDIGO_LIGHT)],
            props=["sprig_left"],
        ),
        B(
            s,
            "selendang-katun.jpg",
            "hanging",
            bg="sage",
            cloths=[
                (
                    "jumputan",
                    dict(bg=(112, 148, 184), line=(226, 232, 236), dot=(60, 92, 134)),
                    0.36,
                    0.78,
                    0.04,
                    1.6,
                    0.06,
                ),
                (
                    "jumputan",
                    dict(bg=(166, 124, 92), line=(240, 226, 204), dot=(110, 72, 48)),
                    0.36,
                    0.72,
                    0.04,
                    1.5,
                    0.06,
                ),
            ],
        ),
        B(
            s,
            "kemeja-pria.jpg",
            "garment",
            bg="wood",
            kind="kemeja",
            cloth=("kawung", INDIGO, 0.125),
            props=["sprig_left"],
        ),
        B(
            s,
            "kemeja-pria-2.jpg",
            "garment",
            size=PORT,
            bg="cream",
            kind="kemeja",
            cloth=("kawung", INDIGO, 0.12),
            hanger=True,
        ),
        B(s, "blus-wanita.jpg", "garment", size=PORT, bg="peach", kind="blus", cloth=("parang", TINGI, 0.12)),
        B(
            s,
            "masker.jpg",
            "masks",
            bg="linen",
            cloths=[("kawung", INDIGO, 0.1), ("parang", TINGI, 0.09), ("ceplok", MAHONI, 0.1)],
        ),
    ]


def dapur_photos():
    s = "dapur-bu-ning"
    return [
        B(
            s,
            "keripik-tempe.jpg",
            "pouch_plate",
            bg="peach",
            horizon=0.5,
            exif=dict(make="OPPO", model="A57", gps=(-7.5686, 110.7964), when="2024:05:02 07:58:31"),
            kind="tempe",
            title="Keripik Tempe",
            subtitle="Sagu · 250 g",
            n=34,
            chip=5.2,
        ),
        B(s, "keripik-tempe-2.jpg", "three_pouches", bg="cream", horizon=0.55, kind="tempe", title="Keripik Tempe"),
        B(
            s,
            "keripik-singkong-balado.jpg",
            "pouch_plate",
            bg="sand",
            horizon=0.52,
            kind="singkong",
            title="Singkong Balado",
            subtitle="Pedas sedang · 100 g",
            material=(226, 124, 60),
            flip=True,
            n=44,
            chip=5.0,
        ),
        B(
            s,
            "keripik-paru.jpg",
            "pouch_plate",
            bg="linen",
            horizon=0.5,
            kind="paru",
            title="Keripik Paru",
            subtitle="Paru sapi · 100 g",
            material=(58, 46, 40),
            plate_style="enamel",
            n=34,
            chip=4.6,
        ),
        B(
            s,
            "rempeyek-kacang.jpg",
            "pouch_plate",
            bg="sage",
            horizon=0.5,
            kind="rempeyek",
            title="Rempeyek Kacang",
            subtitle="Renyah tipis · 250 g",
            n=8,
            chip=10,
        ),
        B(
            s,
            "rempeyek-kacang-2.jpg",
            "closeup_snack",
            bg="wood",
            exif=dict(make="Xiaomi", model="Redmi Note 12", when="2024:05:02 08:03:12"),
            kind="rempeyek",
            n=12,
            s=13,
        ),
        B(s, "nastar.jpg", "toples_plate", bg="cream", horizon=0.52, cookie="nastar"),
        B(s, "kastengel.jpg", "toples_plate", bg="peach", horizon=0.52, cookie="kastengel"),
        B(
            s,
            "sambal-bawang.jpg",
            "jar",
            bg="linen",
            horizon=0.55,
            content="red",
            lid="gingham",
            lid_color=(190, 40, 36),
            label=("Sambal Bawang", "Dapur Bu Ning"),
            chili_color=(196, 30, 26),
        ),
        B(
            s,
            "sambal-ijo-teri.jpg",
            "jar",
            bg="sage",
            horizon=0.55,
            content="green",
            lid="metal",
            lid_color=(206, 168, 76),
            label=("Sambal Ijo Teri", "Dapur Bu Ning"),
            chili_color=(76, 140, 50),
            extra="garlic",
        ),
        B(s, "bumbu-pecel.jpg", "pecel_pack", bg="sand", horizon=0.5),
        B(s, "bumbu-pecel-2.jpg", "pecel_plate", bg="wood"),
    ]


def anyaman_photos():
    s = "anyaman-sumber-rejeki"
    return [
        B(s, "pandan-natural.jpg", "tote", bg="sage", horizon=0.62, base=PANDAN_NATURAL, stripe=(120, 70, 44)),
        B(s, "pandan-hijau.jpg", "tote", bg="cream", horizon=0.62, base=PANDAN_HIJAU, stripe=(226, 204, 150)),
        B(s, "pandan-marun.jpg", "tote", bg="linen", horizon=0.62, base=PANDAN_MARUN, stripe=(224, 200, 150)),
        B(s, "tas-mendong-selempang.jpg", "sling", bg="peach", horizon=0.6, base=MENDONG),
        B(
            s,
            "tas-mendong-selempang-2.jpg",
            "sling",
            bg="mist",
            horizon=0.6,
            base=MENDONG_COKLAT,
            stripes=False,
            exif=dict(orientation=8, make="vivo", model="Y17s", gps=(-7.2061, 108.1916), when="2024:04:20 14:12:55"),
        ),
        B(
            s,
            "dompet-pandan.jpg",
            "dompets",
            bg="linen",
            colors=[(176, 44, 44), (52, 90, 150), (222, 176, 60), (84, 132, 72)],
        ),
        B(s, "clutch-mendong.jpg", "clutch", bg="peach"),
        B(s, "keranjang-rotan.jpg", "baskets", bg="cream", horizon=0.58),
        B(s, "keranjang-rotan-2.jpg", "basket_plant", size=PORT, bg="sage", horizon=0.64),
        B(s, "keranjang-parsel.jpg", "parsel", bg="peach", horizon=0.6),
    ]


LOGOS = {
    "batik-malon": ("BM", (31, 78, 121)),
    "dapur-bu-ning": ("BN", (181, 57, 31)),
    "anyaman-sumber-rejeki": ("SR", (91, 107, 47)),
}

PROPS = {
    "sprig_left": prop_sprig("left"),
    "sprig_right": prop_sprig("right"),
    "canting": prop_canting,
    "bark": prop_bark,
    "shavings": prop_shavings,
}


def render(spec):
    rng = random.Random(seed_of(spec["seller"] + "/" + spec["name"]))
    w, h = spec["size"]
    cv = Canvas(w, h, rng, spec["bg"], spec["horizon"])
    kw = dict(spec["kw"])
    scene = spec["scene"]
    W, H = cv.W, cv.H
    if scene == "folded":
        scene_folded(cv, rng, kw["cloths"], [PROPS[p] for p in kw.get("props", [])])
    elif scene == "hanging":
        cloths = []
        for kind, pal, wf, lf, fringe, waves, scale in kw["cloths"]:
            cw, ln = W * wf, H * lf
            tex = cloth_tex(kind, pal, cw * 1.9, ln * 1.15, W * scale, rng)
            cloths.append((tex, cw, ln, fringe, waves))
        scene_hanging(cv, rng, cloths)
    elif scene == "closeup":
        kind, pal, scale = kw["cloth"]
        tex = cloth_tex(kind, pal, W * 1.9, H * 1.25, W * scale, rng)
        scene_closeup(cv, rng, tex)
    elif scene == "garment":
        kind, pal, scale = kw["cloth"]
        size = min(W, H) * 1.05
        tex = cloth_tex(kind, pal, size * 1.4, size * 1.3, size * scale, rng)
        scene_garment(cv, rng, kw["kind"], tex, [PROPS[p] for p in kw.get("props", [])], kw.get("hanger", False))
    elif scene == "masks":
        texs = [cloth_tex(k, p, W * 0.62, W * 0.28, W * s, rng) for k, p, s in kw["cloths"]]
        scene_masks(cv, rng, texs)
    elif scene == "pouch_plate":
        scene_pouch_plate(
            cv,
            rng,
            kw["kind"],
            kw["title"],
            kw["subtitle"],
            kw.get("material", KRAFT),
            kw.get("plate_style", "bamboo"),
            kw.get("n", 40),
            kw.get("chip", 3.6),
            kw.get("flip", False),
        )
    elif scene == "three_pouches":
        scene_three_pouches(cv, rng, kw["kind"], kw["title"])
    elif scene == "closeup_snack":
        scene_closeup_snack(cv, rng, kw["kind"], kw["n"], kw["s"])
    elif scene == "toples_plate":
        scene_toples_plate(cv, rng, kw["cookie"])
    elif scene == "jar":
        content = SAMBAL_RED if kw["content"] == "red" else SAMBAL_IJO
        scene_jar(
            cv, rng, content, kw["lid"], kw["lid_color"], kw["label"], kw["chili_color"], kw.get("extra", "shallot")
        )
    elif scene == "pecel_pack":
        scene_pecel_pack(cv, rng)
    elif scene == "pecel_plate":
        scene_pecel_plate(cv, rng)
    elif scene == "tote":
        scene_tote(cv, rng, kw["base"], kw["stripe"])
    elif scene == "sling":
        scene_sling(cv, rng, kw["base"], kw.get("stripes", True))
    elif scene == "dompets":
        scene_dompets(cv, rng, kw["colors"])
    elif scene == "clutch":
        scene_clutch(cv, rng)
    elif scene == "baskets":
        scene_baskets(cv, rng)
    elif scene == "basket_plant":
        scene_basket_plant(cv, rng)
    elif scene == "parsel":
        scene_parsel(cv, rng)
    else:
        raise ValueError(scene)
    return cv.finish()


def dms(value):
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 2)
    return (float(d), float(m), s)


def make_exif(info):
    ex = Image.Exif()
    if info.get("make"):
        ex[0x010F] = info["make"]
        ex[0x0110] = info["model"]
        ex[0x0131] = "Lapak example photo"
    if info.get("when"):
        ex[0x0132] = info["when"]
    ex[0x0112] = info.get("orientation", 1)
    if info.get("when"):
        sub = ex.get_ifd(0x8769)
        sub[0x9003] = info["when"]  # DateTimeOriginal
    if info.get("gps"):
        lat, lon = info["gps"]
        gps = ex.get_ifd(0x8825)
        gps[0] = b"\x02\x02\x00\x00"
        gps[1] = "S" if lat < 0 else "N"
        gps[2] = dms(lat)
        gps[3] = "W" if lon < 0 else "E"
        gps[4] = dms(lon)
    return ex.tobytes()


def save_photo(img, path, exif=None):
    kwargs = dict(quality=JPEG_QUALITY, optimize=True, progressive=True)
    if exif:
        o = exif.get("orientation", 1)
        # store the pixels the way a phone held sideways would; the tag says how to turn them upright
        if o == 6:
            img = img.transpose(Image.Transpose.ROTATE_90)
        elif o == 8:
            img = img.transpose(Image.Transpose.ROTATE_270)
        elif o == 3:
            img = img.transpose(Image.Transpose.ROTATE_180)
        kwargs["exif"] = make_exif(exif)
    img.save(path, "JPEG", **kwargs)


def job(spec, out_root):
    path = out_root / spec["seller"] / "photos" / spec["name"]
    path.parent.mkdir(parents=True, exist_ok=True)
    img = render(spec)
    save_photo(img, path, spec["exif"])
    return str(path), path.stat().st_size


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", help="one seller slug, or one photo file name")
    ap.add_argument("--out", default=str(ROOT / "sellers"), help="the sellers folder (default: the repository's)")
    ap.add_argument("--jobs", type=int, default=0, help="parallel processes (default: all cores)")
    args = ap.parse_args(argv)
    out_root = Path(args.out)
    specs = batik_photos() + dapur_photos() + anyaman_photos()
    if args.only:
        specs = [s for s in specs if args.only in (s["seller"], s["name"])]
    from concurrent.futures import ProcessPoolExecutor

    total = 0
    with ProcessPoolExecutor(max_workers=args.jobs or None) as ex:
        for path, size in ex.map(job, specs, [out_root] * len(specs)):
            total += size
            print(f"{size / 1024:6.0f} KB  {Path(path).relative_to(out_root)}")
    for slug, (initials, accent) in LOGOS.items():
        if args.only and args.only not in (slug, "logo.png"):
            continue
        p = out_root / slug / "photos" / "logo.png"
        p.parent.mkdir(parents=True, exist_ok=True)
        draw_logo(p, initials, accent)
        total += p.stat().st_size
        print(f"{p.stat().st_size / 1024:6.0f} KB  {p.relative_to(out_root)}")
    print(f"total {total / 1024 / 1024:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
