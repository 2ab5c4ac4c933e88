"""A printable A4 sheet of sign-in cards, one per seller: the shop's name, a QR code and the link."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from generator.core.atomic import write_atomic
from generator.edit.phone import ignore_cards

CARDS_FILE = "edit-cards.html"

_SHEET = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Kartu Lapak</title>
<style>@page{size:A4;margin:10mm}body{font:12pt/1.3 system-ui,sans-serif;margin:0}
.sheet{display:grid;grid-template-columns:1fr 1fr;gap:6mm}
.card{border:1px dashed #888;border-radius:3mm;padding:5mm;break-inside:avoid;height:85mm;display:flex;flex-direction:column;
align-items:center;text-align:center}.card h2{margin:0 0 2mm;font-size:14pt}.card svg{width:45mm;height:45mm}
.card a{font:8pt/1.2 monospace;word-break:break-all;color:#000}.card p{margin:1mm 0;font-size:10pt}</style></head>
<body><div class="sheet">
{% for card in cards %}<div class="card" data-card="{{ card.slug }}"><h2>{{ card.name }}</h2>
<p>Pindai dengan kamera HP untuk mengubah toko Anda. Jangan bagikan kartu ini.</p>
{{ card.qr }}<a href="{{ card.link }}">{{ card.link }}</a></div>
{% endfor %}</div></body></html>"""


def _qr_svg(link: str) -> Markup:
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="svg", xmldecl=False, svgns=True, nl=False, border=2)
    return Markup(out.getvalue().decode("ascii"))  # segno's own SVG: no seller text inside


def write_cards(root: Path, cards: list[tuple[str, str, str]]) -> Path:
    """(slug, shop name, link) per card → DIR/edit-cards.html, private to this user."""
    env = Environment(autoescape=select_autoescape(default_for_string=True, default=True))
    html = env.from_string(_SHEET).render(
        cards=[{"slug": s, "name": n, "link": link, "qr": _qr_svg(link)} for s, n, link in cards]
    )
    path = root / CARDS_FILE
    ignore_cards(root)  # the sheet holds sign-in keys: never committed
    write_atomic(path, html.encode("utf-8"), mode=0o600)
    return path
