"""The market page in a real headless Chromium, opened from disk (file://) like a USB stick."""

from __future__ import annotations

import shutil

import pytest
from conftest import SITES

from generator.cli import main


@pytest.fixture(scope="module")
def market(tmp_path_factory):
    root = tmp_path_factory.mktemp("market") / "basic"
    shutil.copytree(SITES / "basic", root)
    assert main(["build", str(root), "--out", str(root.parent / "out")]) == 0
    return root.parent / "out"


@pytest.fixture(scope="module")
def page(market, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto((market / "index.html").as_uri())
    yield tab
    context.close()
    assert not errors, errors


def _results(tab):
    return [li.inner_text().split("\n") for li in tab.query_selector_all("[data-results] li")]


def test_search_across_shops_works_from_file_url(page):
    page.click("#cari")
    page.keyboard.type("KAIN", delay=40)  # as the buyer types: results come without pressing enter
    page.wait_for_function("document.querySelector('[data-search-status]').getAttribute('data-query') === 'KAIN'")
    assert _results(page) == [["Kain Indigo", "Rp350.000+", "Toko A"], ["Masker Batik", "Rp25.000", "Toko A"]]
    thumbs = page.eval_on_selector_all(
        "[data-results] img.thumb", "els => els.map(e => [e.complete && e.naturalWidth > 0, e.getAttribute('src')])"
    )
    assert thumbs and all(ok and src.startswith("toko-a/foto/") for ok, src in thumbs), thumbs
    assert page.inner_text("[data-search-status]") == "2 produk ditemukan"
    page.fill("#cari", "keripik")
    page.wait_for_function("document.querySelectorAll('[data-results] li').length === 1")
    assert _results(page) == [["Keripik Tempe ꦏꦽꦥꦶꦏ꧀", "IDR15,000", "Shop B 🍪"]]
    page.fill("#cari", "tidakada")
    page.wait_for_function("document.querySelector('[data-search-status]').textContent.startsWith('Tidak ada')")


def test_category_pages_and_result_links_open_the_product(page, market):
    page.goto((market / "index.html").as_uri())
    page.click(".towns a >> text=Selendang (1)")
    page.wait_for_load_state()
    assert page.url.endswith("/kategori-selendang.html") and page.inner_text("h1") == "Selendang"
    items = [li.inner_text().split("\n") for li in page.query_selector_all(".results li")]
    assert items == [["Selendang Sutra", "Rp1.500.000", "Toko A · Semarang"]]
    page.goto((market / "index.html").as_uri())
    page.fill("#cari", "sutra selendang")
    page.wait_for_function("document.querySelectorAll('[data-results] li').length === 1")
    page.click("[data-results] a")
    page.wait_for_load_state()
    assert page.url.endswith("/toko-a/selendang.html") and page.url.startswith("file://")
    assert "Selendang Sutra" in page.inner_text("h1")


@pytest.mark.parametrize("where", ["sub-path", "domain root", "file"])
def test_clicking_through_works_from_a_sub_path_a_root_and_from_disk(market, chromium, tmp_path, where):
    """The same output, unchanged, from https://host/some/path/, from a domain root and from disk."""
    from browser import serve

    site = tmp_path / "srv" / "pasar" / "kita" if where == "sub-path" else tmp_path / "srv"
    shutil.copytree(market, site)
    failed: list[str] = []
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        # A request the next click cancels (an icon still loading on a busy machine) is not a
        # broken link: a missing file fails as ERR_FILE_NOT_FOUND, a missing page answers 404.
        tab.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else failed.append(r.url))
        with serve(tmp_path / "srv") as base:
            start = {"sub-path": base + "pasar/kita/", "domain root": base, "file": (site / "index.html").as_uri()}
            tab.goto(start[where])
            tab.click("a[href='toko-a/index.html']")
            tab.wait_for_load_state()
            assert tab.inner_text("h1") == "Toko A"
            tab.click("a[href='kain-indigo.html'] >> nth=0")
            tab.wait_for_load_state()
            assert tab.inner_text("h1") == "Kain Indigo"
            tab.click(".crumbs a >> nth=1")  # the category
            tab.wait_for_load_state()
            assert tab.url.endswith("toko-a/kategori/kain.html")
            tab.click(".shophead .up")  # back to the market
            tab.wait_for_load_state()
            assert tab.inner_text("h1") == "Pasar Uji"
            if where == "sub-path":
                assert tab.url == base + "pasar/kita/index.html"
    finally:
        context.close()
    assert failed == []


def test_long_names_never_make_a_phone_scroll_sideways(scratch, chromium):
    root = scratch(
        {
            "sellers/t/shop.yaml": "nama: Toko Dengan Nama Yang Sangat Panjang Sekali\nwhatsapp: 0812 3456 7890\n",
            "sellers/t/products/a.yaml": "nama: Keranjang\nharga: 1\nvarian:\n"
            "  - Kecil (diameter 20 cm, tinggi 15 cm) anyaman rapat: 10rb\n  - Besar: 20rb\n",
            "sellers/t/products/b.yaml": "nama: Tas Anyaman Pandan Berwarna Alami Dengan Tali Kulit Asli\nharga: 2\n",
        }
    )
    assert main(["build", str(root)]) == 0
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        for page in ("t/index.html", "t/a.html", "t/keranjang.html", "index.html"):
            tab.goto((root / "output" / page).as_uri())
            assert tab.evaluate("document.documentElement.scrollWidth") <= 390, page
    finally:
        context.close()


def test_search_says_more_than_60_and_folds_common_spellings(scratch, chromium):
    many = "".join(f"- nama: Keripik Pisang {n}\n  harga: {1000 + n}\n" for n in range(1, 61))
    root = scratch(
        {
            "sellers/a/shop.yaml": "nama: Toko A\nwhatsapp: 0812 3456 7890\n",
            "sellers/a/products/pisang.yaml": many,
            "sellers/b/shop.yaml": "nama: Toko B\nwhatsapp: 0812 3456 7891\nkota: Solo\n",
            "sellers/b/products/lain.yaml": "- nama: Kripik Singkong\n  harga: 5rb\n"
            "- nama: Sambel Bawang\n  harga: 20rb\n- nama: Tempe Mendoan\n  harga: 3rb\n"
            "- nama: Tempeh Chips\n  harga: 4rb\n- nama: Minyak Kelapa\n  harga: 30rb\n",
        }
    )
    assert main(["build", str(root)]) == 0
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto((root / "output/index.html").as_uri())

        def search(text: str) -> tuple[str, list[str]]:
            tab.fill("#cari", text)
            tab.wait_for_function(
                "q => document.querySelector('[data-search-status]').getAttribute('data-query') === q", arg=text
            )
            names = [r[0] for r in _results(tab)]
            return tab.inner_text("[data-search-status]"), names

        assert search("pisang")[0] == "60 produk ditemukan"  # exactly 60: the count is the count
        status, names = search("keripik")  # 61 products: 60 shown
        assert status == "lebih dari 60 produk ditemukan" and len(names) == 60
        assert search("keripik singkong") == ("1 produk ditemukan", ["Kripik Singkong"])
        assert search("kripik singkong") == ("1 produk ditemukan", ["Kripik Singkong"])
        assert search("kripik pisang 42")[1] == ["Keripik Pisang 42"]
        assert search("sambal") == ("1 produk ditemukan", ["Sambel Bawang"])
        assert search("SAMBEL bawang")[1] == ["Sambel Bawang"]
        assert sorted(search("tempe")[1]) == ["Tempe Mendoan", "Tempeh Chips"]
        assert sorted(search("tempeh")[1]) == ["Tempe Mendoan", "Tempeh Chips"]
        assert search("mi")[1] == ["Minyak Kelapa"]  # a word half typed still matches as it did
    finally:
        context.close()


def test_the_shop_list_pages_and_town_pages_work_from_disk_without_javascript(scratch, chromium, monkeypatch):
    import generator.render.pages as pages_module

    monkeypatch.setattr(pages_module, "MARKET_PAGE_SHOPS", 2)
    files = {}
    for n, town in enumerate(["Solo", "Solo", "Kudus", "Solo", "Pati"]):
        files[f"sellers/t{n}/shop.yaml"] = f"nama: Toko {n}\nwhatsapp: 0812 3456 789{n}\nkota: {town}\n"
        files[f"sellers/t{n}/products/a.yaml"] = "nama: Teh\nharga: 5rb\n"
    root = scratch(files)
    assert main(["build", str(root)]) == 0
    context = chromium.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto((root / "output/index.html").as_uri())
        shops = []
        while True:
            shops += tab.locator(".shops .name").all_inner_texts()
            if not tab.locator("a[rel=next]").count():
                break
            tab.click("a[rel=next]")
            tab.wait_for_load_state()
        assert shops == [f"Toko {n}" for n in range(5)] and tab.url.endswith("/output/halaman-3.html")
        assert "halaman 3 dari 3" in tab.inner_text(".pager")
        tab.click(".towns a >> text=Solo (3)")
        tab.wait_for_load_state()
        assert tab.url.endswith("/output/kota-solo.html") and tab.locator(".shops .name").all_inner_texts() == [
            "Toko 0",
            "Toko 1",
        ]
        tab.click("a[rel=next]")
        tab.wait_for_load_state()
        assert tab.url.endswith("/output/kota-solo.2.html")
        assert tab.locator(".shops .name").all_inner_texts() == ["Toko 3"]
        tab.click(".shops a")
        tab.wait_for_load_state()
        assert tab.inner_text("h1") == "Toko 3"
    finally:
        context.close()
