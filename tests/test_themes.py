"""Themes: lookup order (seller → theme → parents → base), explicit parents, colours, built-in themes."""

from __future__ import annotations

import pytest
from helpers import parse

from generator.render.themes import BUILTIN_THEMES, ThemeError, environment, resolve_theme, theme_dirs

SHOP = "nama: Toko\nwhatsapp: 0812 3456 7890\ntema: anak\n"


@pytest.fixture
def project(scratch):
    return scratch(
        {
            "themes/induk/theme.yaml": "extends: base\ncolors:\n  accent: '#112233'\n  muted: '#445566'\n",
            "themes/induk/templates/footer_note.html": "induk",
            "themes/induk/templates/only_parent.html": "induk-only",
            "themes/anak/theme.yaml": "extends: induk\ncolors:\n  accent: '#abcdef'\n",
            "themes/anak/templates/footer_note.html": "anak",
            "themes/anak/templates/wrapped.html": '{% extends "!induk/footer_note.html" %}',
            "sellers/toko/shop.yaml": SHOP,
            "sellers/toko/products/a.yaml": "nama: A\nharga: 1000\n",
            "sellers/toko/theme/templates/footer_note.html": "penjual",
        }
    )


@pytest.mark.parametrize(
    "template, with_seller, expected",
    [
        ("footer_note.html", True, "penjual"),  # the seller's own override wins
        ("footer_note.html", False, "anak"),  # then the theme
        ("only_parent.html", False, "induk-only"),  # then its parent
        ("wrapped.html", False, "induk"),  # "!induk/…" names the parent explicitly
        ("!anak/footer_note.html", True, "anak"),  # explicit names skip the seller override
    ],
)
def test_lookup_order(project, template, with_seller, expected):
    theme = resolve_theme("anak", theme_dirs(str(project)))
    assert theme.chain == ("anak", "induk", "base")
    override = str(project / "sellers/toko/theme") if with_seller else None
    env = environment(theme, override, "id")
    assert env.get_template(template).render() == expected


def test_base_templates_are_found_last_and_colours_merge_child_first(project):
    theme = resolve_theme("anak", theme_dirs(str(project)))
    colors = dict(theme.colors)
    assert colors["accent"] == "#abcdef" and colors["muted"] == "#445566" and colors["surface"] == "#ffffff"
    env = environment(theme, None, "id")
    assert env.get_template("product.html").filename.endswith("themes/base/templates/product.html")


def test_missing_theme_and_loops_are_clear_errors(scratch):
    root = scratch({"themes/a/theme.yaml": "extends: b\n", "themes/b/theme.yaml": "extends: a\n"})
    with pytest.raises(ThemeError) as loop:
        resolve_theme("a", theme_dirs(str(root)))
    assert loop.value.problem.code == "theme.loop"
    with pytest.raises(ThemeError) as missing:
        resolve_theme("tidak-ada", theme_dirs(str(root)))
    assert "batik" in missing.value.problem.message("id") and missing.value.problem.code == "theme.missing"


def test_unknown_theme_skips_only_that_seller(scratch, run):
    root = scratch(
        {
            "sellers/a/shop.yaml": "nama: A\nwhatsapp: 0812 3456 7890\ntema: pelangi\n",
            "sellers/a/products/x.yaml": "nama: X\nharga: 1\n",
            "sellers/b/shop.yaml": "nama: B\nwhatsapp: 0812 3456 7890\n",
            "sellers/b/products/x.yaml": "nama: X\nharga: 1\n",
        }
    )
    code, _, err = run(["build", str(root)])
    assert code == 1 and 'tema "pelangi" tidak ada — pilih salah satu: base, batik, cerah, malam' in err
    assert (root / "output/b/x.html").is_file() and not (root / "output/a").exists()


@pytest.mark.parametrize("theme", ["batik", "cerah", "malam"])
def test_built_in_themes_extend_base_and_render_a_shop(scratch, run, theme):
    assert resolve_theme(theme, [BUILTIN_THEMES]).chain == (theme, "base")
    root = scratch(
        {
            "sellers/t/shop.yaml": f"nama: T\nwhatsapp: 0812 3456 7890\ntema: {theme}\n",
            "sellers/t/products/x.yaml": "nama: X\nharga: 1\n",
        }
    )
    assert run(["build", str(root)])[0] == 0
    own = (BUILTIN_THEMES / theme / "static/style.css").read_text().splitlines()[-1]
    assert own in (root / "output/t/x.html").read_text()


def test_seller_colours_and_css_without_touching_the_theme(scratch, run):
    root = scratch(
        {
            "sellers/t/shop.yaml": "nama: T\nwhatsapp: 0812 3456 7890\nwarna:\n  aksen: '#ffdd00'\n",
            "sellers/t/products/x.yaml": "nama: X\nharga: 1\n",
            "sellers/t/theme/static/style.css": ".brand{letter-spacing:.1em}",
        }
    )
    assert run(["build", str(root)])[0] == 0
    html = (root / "output/t/index.html").read_text()
    assert "--accent:#ffdd00" in html and "--on-accent:#1a1208" in html  # dark text on a light accent
    assert ".brand{letter-spacing:.1em}" in html
    scripts = [attrs for tag, attrs in parse(root / "output/t/index.html").tags if tag == "script"]
    assert [a.get("type") or a.get("src") for a in scripts] == [
        "application/json",
        "../assets/cart.js",
        "application/ld+json",
    ]  # nothing from the seller's CSS


def test_a_variant_without_its_own_price_shows_what_it_costs(scratch):
    """Priced like the product (its order message says the same), not "from" the cheapest."""
    from generator.build import build

    root = scratch(
        {
            "sellers/toko/shop.yaml": "nama: Toko\nwhatsapp: 0812 3456 7890\n",
            "sellers/toko/products/clutch.md": """
            ---
            nama: Clutch
            harga: 125000
            varian:
              - nama: Natural
              - nama: Emas
                harga: 140000
                harga_coret: 150000
            ---
            """,
            "sellers/toko/products/tenun.md": """
            ---
            nama: Tenun
            varian:
              - nama: Kecil
                harga: 90000
              - nama: Pesanan
            ---
            """,
        }
    )
    assert build(root, jobs=1).ok
    rows = {}
    for name in ("clutch", "tenun"):
        text = " ".join(" ".join(parse(root / "output/toko" / f"{name}.html").text).split())
        rows[name] = text
    assert "Natural Rp125.000 Pesan" in rows["clutch"]
    assert "Emas Rp140.000 Rp150.000 Pesan" in rows["clutch"]
    assert "mulai Rp125.000" in rows["clutch"]  # the product as a whole: from its cheapest
    assert "Pesanan Tanya harga Pesan" in rows["tenun"]


def test_a_translation_edited_in_a_theme_shows_with_compiled_templates_kept(scratch, monkeypatch):
    """Translations are compiled into the templates kept between runs: a .po edit must not
    leave the old words in them."""
    from generator.render import themes

    monkeypatch.setenv("XDG_CACHE_HOME", str(scratch({}) / "cache"))
    root = scratch(
        {
            "themes/kata/theme.yaml": "extends: base\n",
            "themes/kata/templates/note.html": '{{ _("Sold out") }}',
            "themes/kata/locale/id.po": 'msgid "Sold out"\nmsgstr "Sudah habis"\n',
        }
    )
    pages = []
    for words in ("Sudah habis", "Ludes"):
        (root / "themes/kata/locale/id.po").write_text(f'msgid "Sold out"\nmsgstr "{words}"\n', encoding="utf-8")
        themes.environment.cache_clear()  # a new process, as far as compiled templates go
        pages.append(
            environment(resolve_theme("kata", theme_dirs(str(root))), None, "id").get_template("note.html").render()
        )
    themes.environment.cache_clear()
    assert pages == ["Sudah habis", "Ludes"]


def test_wrapped_lines_of_shop_texts_read_as_paragraphs(scratch):
    """A YAML `|` block is wrapped where the seller's editor wrapped it: a single line break is a
    space, a blank line a new paragraph (Markdown's rule), in every place a shop's text shows."""
    from generator.build import build

    root = scratch(
        {
            "lapak.yaml": "nama: Pasar\ntentang: |\n  Pasar kami\n  di Solo.\n",
            "sellers/toko/shop.yaml": """
            nama: Toko
            whatsapp: 0812 3456 7890
            tentang: |
              Kami membatik
              dengan pewarna alam.

              Silakan mampir.
            alamat: |
              Jl. Sidoluhur No. 17,
              Laweyan
            jam: |
              Senin–Sabtu
              08.00–16.00
            pembayaran: |
              Transfer BCA 0987 a.n. Ningsih,
              atau QRIS.

              COD hanya untuk Solo.
            """,
            "sellers/toko/products/a.md": "---\nnama: Kain\nharga: 10rb\n---\n",
        }
    )
    assert build(root, jobs=1).ok
    out = root / "output"
    shop = (out / "toko/index.html").read_text()
    assert "<p>Kami membatik\ndengan pewarna alam.</p>\n<p>Silakan mampir.</p>" in shop
    assert "<dd>Jl. Sidoluhur No. 17, Laweyan</dd>" in shop
    assert "<dd>Senin–Sabtu 08.00–16.00</dd>" in shop
    payment = "<p>Transfer BCA 0987 a.n. Ningsih, atau QRIS.</p><p>COD hanya untuk Solo.</p>"
    for page in ("toko/index.html", "toko/a.html", "toko/keranjang.html", "toko/katalog.html"):
        html = (out / page).read_text()
        assert payment in html, page
        assert "<br" not in html and "pre-line" not in html, page
    assert "<p>Pasar kami\ndi Solo.</p>" in (out / "index.html").read_text()
