"""report.html in a real headless Chromium, opened from disk: nothing fetched, sorting by clicking."""

from __future__ import annotations

from datetime import date

from test_report import market  # noqa: F401  # the fixture: six sellers with a dated git history

from generator.cli import main


def column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "#sellers tbody tr", f"rows => rows.map(r => r.cells[{index}].getAttribute('data-v'))"
    )


def test_report_opens_from_disk_with_no_request_and_sorts_by_clicking(market, chromium):  # noqa: F811
    root = market(date.today())
    assert main(["report", str(root)]) == 0
    page = chromium.new_page()
    requests, failed, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = (root / "report.html").as_uri()
    page.goto(url)
    assert requests == [url] and failed == [] and errors == []
    assert page.title() == "Laporan pasar Pasar Uji"
    need = ["rusak", "sedikit", "baru", "lama", "bulanan", "aktif"]
    slugs = [s.removeprefix("Toko ").lower() for s in column(page, 1)]
    assert slugs == need

    products = page.get_by_role("button", name="produk", exact=True)
    products.click()
    assert [int(v) for v in column(page, 3)] == [0, 1, 3, 3, 3, 3]
    assert page.get_attribute("#sellers thead th:nth-child(4)", "aria-sort") == "ascending"
    assert page.get_attribute("#sellers thead th:nth-child(1)", "aria-sort") is None
    products.click()
    assert [int(v) for v in column(page, 3)] == [3, 3, 3, 3, 1, 0]
    assert page.get_attribute("#sellers thead th:nth-child(4)", "aria-sort") == "descending"

    page.get_by_role("button", name="perubahan terakhir").click()
    days = column(page, 2)
    assert days == sorted(days)
    page.get_by_role("button", name="toko", exact=True).click()
    names = column(page, 1)
    assert names == sorted(names, key=str.lower)
    page.get_by_role("button", name="urutan").click()
    assert [s.removeprefix("Toko ").lower() for s in column(page, 1)] == need
    page.close()


def test_report_without_javascript_is_sorted_by_need(market, chromium):  # noqa: F811
    root = market(date.today())
    assert main(["report", str(root), "--lang", "en"]) == 0
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((root / "report.html").as_uri())
    assert page.get_by_role("button").count() == 0
    assert [s.removeprefix("Toko ").lower() for s in column(page, 1)][0] == "rusak"
    charts = page.get_by_role("img")
    assert charts.count() == 2
    assert page.locator("#funnel-svg-title").text_content().startswith("Funnel: seller folders 6 → shops that build 5")
    context.close()


def test_report_prints_within_an_a4_page_width(market, chromium):  # noqa: F811
    root = market(date.today())
    assert main(["report", str(root)]) == 0
    page = chromium.new_page(viewport={"width": 703, "height": 1000})  # A4 less 12 mm margins, at 96 dpi
    page.emulate_media(media="print")
    page.goto((root / "report.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 703
    assert page.locator("p.hint").is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    page.close()
