"""tests/sites/hostile: a market where every text a seller writes tries to run script in a
buyer's browser or to leave the seller's folder, plus hostile file names, symlinks and inputs
sized to hang a naive implementation. The built HTML is parsed (not grepped) for anything
executable; every problem is one plain sentence naming its file."""

from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PHOTOS, SITES

FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "math",  # forms: the theme's cart and search (URL attributes checked below)
    "foreignobject",
    "animate",
    "set",
    "portal",
    "noscript",
}  # <template>: the cart page's inert row
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "ping"}
DATA_TYPES = {"application/ld+json", "application/json"}
BAD_CSS = re.compile(
    r"expression\s*\(|javascript:|vbscript:|@import|behaviou?r\s*:|-moz-binding|"
    r"url\(\s*['\"]?\s*(?!data:image/)[a-z][a-z0-9+.-]*:|url\(\s*['\"]?\s*//",
    re.I,
)
SECRET = "RAHASIA-DI-LUAR-FOLDER"


class Executable(HTMLParser):
    """Collects every place a browser could run something or fetch something from elsewhere."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.json_ld: list[object] = []
        self._raw: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.found.append("meta refresh")
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name == "style" and BAD_CSS.search(value):
                self.found.append(f"{tag} style={value}")
            if name in URL_ATTRS or name == "srcset":
                self._check_url(tag, name, value)
        if tag in ("script", "style"):
            self._raw = (tag, attrs)
            self._text: list[str] = []
            if tag == "script" and attrs.get("src") and re.match(r"^\s*([a-z]+:|//)", attrs["src"], re.I):
                self.found.append(f"external script {attrs['src']}")

    def _check_url(self, tag, name, value):
        url = re.sub(r"[\x00-\x20]", "", value).lower()
        if (
            url.startswith(("javascript:", "vbscript:"))
            or url.startswith("data:")
            and (tag == "a" or not url.startswith("data:image/"))
        ):
            self.found.append(f"{tag} {name}={value}")

    def handle_data(self, data):
        if self._raw:
            self._text.append(data)

    def handle_endtag(self, tag):
        if not self._raw or tag != self._raw[0]:
            return
        kind, attrs = self._raw
        body = "".join(self._text)
        self._raw = None
        if kind == "style":
            if BAD_CSS.search(body):
                self.found.append(f"style: {BAD_CSS.search(body).group(0)}")
        elif (attrs.get("type") or "").lower() in DATA_TYPES:
            self.json_ld.append(json.loads(body))  # a break-out would leave broken JSON behind
        elif "alert" in body:
            self.found.append("seller text inside an executable script")


def executable_content(page: Path) -> tuple[list[str], list[object]]:
    parser = Executable()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser.found, parser.json_ld


def _hostile(tmp_path: Path) -> Path:
    """The committed hostile market plus what git should not carry: odd file names, symlinks, huge inputs."""
    root = tmp_path / "hostile"
    shutil.copytree(SITES / "hostile", root)
    xss = root / "sellers/xss"
    (xss / "products" / '"><img src=x onerror=alert(1)>.md').write_text("---\nnama: Nama File\nharga: 1rb\n---\n")
    shutil.copy(PHOTOS / "alpha.png", xss / "photos" / '"><svg onload=alert(1)>.png')
    (xss / "products" / "baris\npalsu.txt: \x1b[2Jgalat\u202e.txt").write_text("x")  # would forge a line
    (xss / "products/foto-aneh.yaml").write_text("nama: Foto Aneh\nharga: 2rb\nfoto: '\"><svg onload=alert(1)>.png'\n")
    outside = tmp_path / "luar"
    (outside / "products").mkdir(parents=True)
    (outside / "products/rahasia.yaml").write_text(f"nama: {SECRET}\nharga: 1\n")
    (outside / "shop.yaml").write_text(f"nama: {SECRET}\nwhatsapp: 0812-3456-7890\n")
    shutil.copy(PHOTOS / "rotated-gps.jpg", outside / "rahasia.jpg")
    (outside / "style.css").write_text(f".{SECRET}{{color:red}}")

    def seller(slug: str) -> Path:
        folder = root / "sellers" / slug
        (folder / "products").mkdir(parents=True)
        (folder / "shop.yaml").write_text(f"nama: {slug}\nwhatsapp: 0812-3456-7890\n")
        (folder / "products/kain.yaml").write_text("nama: Kain\nharga: 1rb\n")
        return folder

    folder = seller("link-foto-folder")
    (folder / "photos").symlink_to(outside)
    folder = seller("link-foto")
    (folder / "photos").mkdir()
    (folder / "photos/kain.jpg").symlink_to(outside / "rahasia.jpg")  # found by the product's name
    folder = seller("link-produk-folder")
    shutil.rmtree(folder / "products")
    (folder / "products").symlink_to(outside / "products")
    folder = seller("link-produk")
    (folder / "products/rahasia.yaml").symlink_to(outside / "products/rahasia.yaml")
    folder = seller("link-toko")
    (folder / "shop.yaml").unlink()
    (folder / "shop.yaml").symlink_to(outside / "shop.yaml")
    folder = seller("link-logo")
    (folder / "logo.png").symlink_to(outside / "rahasia.jpg")
    (folder / "shop.yaml").write_text("nama: Logo\nwhatsapp: 0812-3456-7890\nlogo: logo.png\n")
    folder = seller("link-tema")
    (folder / "theme/static").mkdir(parents=True)
    (folder / "theme/static/style.css").symlink_to(outside / "style.css")

    limits = seller("batas")
    products = limits / "products"
    with open(products / "panjang.md", "w") as fh:  # 50 MB description
        fh.write("---\nnama: Panjang\nharga: 1rb\n---\n")
        fh.write(("Kain batik tulis. " * 1000 + "\n") * 2913)  # 50 MiB
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8)
    )
    (products / "tawa.yaml").write_text(laughs + "nama: Tawa\nharga: 1rb\n? *i\n: kunci\n")
    (products / "dalam.yaml").write_text("nama: Dalam\nharga: 1rb\nvarian: " + "[" * 5000 + "]" * 5000 + "\n")
    (products / "dalam2.yaml").write_text(
        "nama: Dalam\nharga: 1rb\nx:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 400))
    )
    (products / "varian.yaml").write_text(
        "nama: Varian\nharga: 1rb\nvarian:\n" + "".join(f"  - Ukuran {i}: {i}rb\n" for i in range(5000))
    )
    many = seller("banyak-foto")
    (many / "photos").mkdir()
    first = many / "photos/kain-0.jpg"
    shutil.copy(PHOTOS / "rotated-gps.jpg", first)
    for i in range(1, 10_000):
        os.link(first, many / f"photos/kain-{i}.jpg")
    (many / "products/lain.yaml").write_text("nama: Lain\nharga: 1rb\nfoto: kain-99999.jpg\n")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import contextlib
    import io

    from generator.cli import main

    tmp_path = tmp_path_factory.mktemp("hostile")
    root = _hostile(tmp_path)
    err, out = io.StringIO(), io.StringIO()
    os.environ.pop("LAPAK_LANG", None)
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(["build", str(root), "--out", str(tmp_path / "out"), "--jobs", "1"])
    return root, tmp_path / "out", code, err.getvalue()


def test_no_page_holds_anything_executable(built):
    root, out, code, err = built
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        found, json_ld = executable_content(page)
        assert found == [], (page.relative_to(out), found)
        for data in json_ld:
            assert isinstance(data, dict)


def test_hostile_text_is_shown_as_text_not_dropped(built):
    root, out, code, err = built
    shop = (out / "xss/index.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(&#39;nama&#39;)&lt;/script&gt;" in shop
    found, json_ld = executable_content(out / "xss/jahat.html")
    (product,) = [d for d in json_ld if d.get("@type") == "Product"]
    assert product["name"].startswith("</script><script>alert('nama')</script>")
    assert product["sku"] == "</script><script>alert('sku')</script>"
    assert "aman" in (out / "xss/jahat.html").read_text()  # the harmless link's text is kept


def test_seller_css_and_templates_do_not_reach_the_page(built):
    root, out, code, err = built
    for page in (out / "xss").rglob("*.html"):
        text = page.read_text()
        assert "evil.example" not in text
        assert "__mro__" not in text and "alert('css')" not in text and "alert(&#39;template" not in text


def test_escape_attempts_are_refused_and_nothing_from_outside_is_published(built):
    root, out, code, err = built
    assert code == 1
    assert f'{root}/sellers/link-logo/shop.yaml:3: foto "logo.png" berada di luar folder toko' in err
    for slug in (
        "kabur",
        "link-logo",
        "link-foto-folder",
        "link-foto",
        "link-produk-folder",
        "link-produk",
        "link-toko",
        "link-tema",
    ):
        assert not (out / slug).exists(), slug
    lines = err.splitlines()
    link = "ini adalah tautan (symlink) ke tempat di luar folder toko dan tidak dibaca"
    for where in (
        "link-foto-folder/photos",
        "link-foto/photos/kain.jpg",
        "link-produk-folder/products",
        "link-produk/products/rahasia.yaml",
        "link-toko/shop.yaml",
        "link-tema/theme/static/style.css",
    ):
        assert any(line.startswith(f"{root}/sellers/{where}: {link}") for line in lines), where
    assert f'{root}/sellers/kabur/products/kain.yaml:4: foto "/etc/passwd" berada di luar folder toko' in err
    for page in out.rglob("*"):
        if page.is_file():
            assert SECRET.encode() not in page.read_bytes(), page
    assert not list(out.rglob("rahasia*"))


def test_limits_end_in_a_clear_message_or_a_sane_result(built):
    root, out, code, err = built
    at = f"{root}/sellers/batas/products"
    assert f"{at}/panjang.md: file ini terlalu besar (50 MB) dan tidak dibaca" in err
    assert f"{at}/tawa.yaml:" in err and "terlalu banyak alias" in err
    assert f"{at}/dalam.yaml:3: susunan file ini terlalu dalam" in err
    assert f"{at}/dalam2.yaml:" in err
    assert f"{at}/varian.yaml:3: ada 5000 varian, paling banyak 200" in err
    many = out / "banyak-foto"
    shown = {re.match(r"(kain-\d+)-", p.name).group(1) for p in (many / "foto").glob("kain-*")}
    assert len(shown) == 30  # a product shows at most 30 photos (each in several widths)
    assert "kain-99999.jpg" in err  # a missing photo in a folder of 10,000 still gets its message
    assert (
        f"{root}/sellers/banyak-foto/products/kain.yaml:1: peringatan: produk ini punya 10000 foto; "
        "hanya 30 foto pertama yang ditampilkan" in err
    )


def test_every_message_is_one_plain_line_naming_its_file(built):
    root, out, code, err = built
    assert "Traceback" not in err
    lines = err.splitlines()
    problems = lines[:-2]  # then the count of problems and the skipped shops
    assert problems and all(line.startswith(f"{root}/") for line in problems), [
        line for line in problems if not line.startswith(f"{root}/")
    ]
    assert all("—" in line for line in problems)  # what is wrong — what to do
    assert f"{root}/sellers/xss/products/baris?palsu.txt: ?[2Jgalat?.txt: peringatan: file ini bukan" in err
    assert lines[-1].startswith("toko yang dilewati karena ada galat")


def test_the_checker_itself_catches_what_it_looks_for(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        '<a href=" JaVa\tscript:x">a</a><img src=x onerror=y><iframe></iframe>'
        '<p style="background:url(javascript:x)">s</p><style>a{b:url(https://evil.example/x)}</style>'
        '<script type="application/ld+json">{"name":"</script><script>alert(1)</script>"}</script>'
        '<link rel="icon" href="data:image/svg+xml,x"><a href="data:image/png,x">d</a>'
    )
    with pytest.raises(json.JSONDecodeError):
        executable_content(page)  # the broken-out JSON-LD no longer parses
    page.write_text(page.read_text().replace('"</script><script>alert(1)</script>"', '"x"'))
    found, _ = executable_content(page)
    assert found == [
        "a href= JaVa\tscript:x",
        "img onerror=",
        "<iframe>",
        "p style=background:url(javascript:x)",
        "style: url(https:",
        "a href=data:image/png,x",
    ]


def test_a_single_shop_uses_its_own_templates_only_inside_the_sandbox(scratch, run, tmp_path):
    root = scratch(
        {
            "shop.yaml": "nama: Toko Sendiri\nwhatsapp: 0812-3456-7890\n",
            "products/kain.yaml": "nama: Kain\nharga: 10rb\n",
            "theme/templates/product.html": (
                '{% extends "!base/product.html" %}{% block title %}Milik saya{% endblock %}'
            ),
            "theme/static/style.css": ".brand{color:#123456}",
        }
    )
    code, _, err = run(["build", str(root), "--out", str(tmp_path / "site")])
    assert code == 0, err
    page = (tmp_path / "site/kain.html").read_text()
    assert "<title>Milik saya</title>" in page and ".brand{color:#123456}" in page
    (root / "theme/templates/product.html").write_text(
        "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ cycler.__init__.__globals__.os.system('id') }}"
    )
    code, _, err = run(["build", str(root), "--out", str(tmp_path / "site")])
    assert code == 1 and "template tema rusak atau dilarang" in err and "Traceback" not in err
    assert "<title>Milik saya</title>" in (tmp_path / "site/kain.html").read_text()  # last good site stays
