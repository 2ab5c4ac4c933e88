"""The partials every page of a shop shows (`shop_header`, `cart_bar`) are passed to templates
in the context: a theme that overrides them sees each page's own context."""

from __future__ import annotations

from pathlib import Path

from generator.render.themes import BUILTIN_THEMES


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_market_theme_overriding_the_partials_sees_each_pages_context(scratch, run):
    root = scratch(
        {
            "themes/rapi/theme.yaml": "extends: base\n",
            "themes/rapi/templates/_shop_header.html": "<p class=hdr>HEAD {{ shop.name }} @ {{ page }}</p>",
            "themes/rapi/templates/_cart_bar.html": "<p class=bar>BAR {{ page }}</p>",
            "sellers/toko/shop.yaml": "nama: Toko Rapi\nwhatsapp: 0812 3456 7890\ntema: rapi\n",
            "sellers/toko/products/kain-a.yaml": "nama: Kain A\nharga: 1000\nkategori: Kain\n",
            "sellers/toko/products/kain-b.yaml": "nama: Kain B\nharga: 2000\n",
        }
    )
    code, _, err = run(["build", str(root)])
    assert code == 0, err
    out = root / "output" / "toko"
    for page in ("index.html", "kain-a.html", "kain-b.html", "keranjang.html"):
        html = _text(out / page)
        assert f"HEAD Toko Rapi @ toko/{page}" in html
        assert f"BAR toko/{page}" in html


def test_a_single_shops_own_header_template_is_used_in_the_sandbox(scratch, run):
    root = scratch(
        {
            "shop.yaml": "nama: Toko Sendiri\nwhatsapp: 0812 3456 7890\n",
            "products/kain-a.yaml": "nama: Kain A\nharga: 1000\n",
            "theme/templates/_shop_header.html": "<p>MILIK {{ shop.name }} {{ page }}</p>",
        }
    )
    code, _, err = run(["build", str(root), "--out", str(root / "out")])
    assert code == 0, err
    assert "MILIK Toko Sendiri kain-a.html" in _text(root / "out" / "kain-a.html")
    assert "MILIK Toko Sendiri index.html" in _text(root / "out" / "index.html")


def test_no_template_of_lapak_mentions_the_renderers_caches():
    for template in BUILTIN_THEMES.rglob("*.html"):
        text = _text(template)
        assert "precise" not in text and "r.part(" not in text, template


def test_a_shop_with_a_town_but_no_address_or_payment_builds(scratch, run):
    """Many sellers write `kota` and nothing else about where they are: the shop's texts that are
    empty show nothing, and the town still shows."""
    root = scratch(
        {
            "sellers/toko/shop.yaml": "nama: Toko Kota\nwhatsapp: 0812 3456 7890\nkota: Jepara\n",
            "sellers/toko/products/kain-a.yaml": "nama: Kain A\nharga: 1000\n",
        }
    )
    code, _, err = run(["build", str(root)])
    assert code == 0, err
    assert "Jepara" in _text(root / "output" / "toko" / "index.html")
