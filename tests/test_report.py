"""`lapak report`: the funnel, each seller's last change and to-do, as JSON and as report.html."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PHOTOS

from generator.report import funnel_report, load_market, render_report, report_data
from generator.report.funnel import STEPS

REPO = Path(__file__).resolve().parent.parent
SELLER_KEYS = ["slug", "last_change", "products", "with_photo", "with_price", "errors", "warnings", "todo"]


def product(name: str, price: str = "10000", photo: bool = True) -> str:
    lines = [f"nama: {name}"] + ([f"harga: {price}"]) + (["foto: a.jpg"] if photo else [])
    return "---\n" + "\n".join(lines) + "\n---\n"


def seller(root: Path, slug: str, products: list[str], bad: bool = False) -> None:
    folder = root / "sellers" / slug
    (folder / "products").mkdir(parents=True)
    (folder / "photos").mkdir()
    shutil.copy(next(PHOTOS.glob("*.jpg")), folder / "photos" / "a.jpg")
    (folder / "shop.yaml").write_text(f"nama: Toko {slug.title()}\nwhatsapp: 081234567890\n", encoding="utf-8")
    for i, text in enumerate(products):
        (folder / "products" / f"p{i}.md").write_text(text, encoding="utf-8")
    if bad:
        (folder / "products" / "rusak.md").write_text("---\nnama: Rusak\nharga: tiga ratus\n---\n", encoding="utf-8")


def commit(root: Path, paths: list[str], day: date, message: str = "ubah") -> None:
    """A commit of `paths` dated `day` (noon), as a market's history would hold it."""
    when = datetime.combine(day, time(12)).isoformat()
    env = os.environ | {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "add", *paths], cwd=root, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def three() -> list[str]:
    return [product("Kain"), product("Tas"), product("Kopi")]


@pytest.fixture
def market(tmp_path):
    """Six sellers at every stage of the funnel, in a git repository whose commits are dated
    relative to `today` (the "baru" seller was never committed: its file times count)."""

    def make(today: date) -> Path:
        root = tmp_path / "pasar"
        root.mkdir()
        (root / "lapak.yaml").write_text("nama: Pasar Uji\n", encoding="utf-8")
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        seller(root, "rusak", three(), bad=True)
        seller(root, "sedikit", [product("Kain", photo=False)])
        seller(root, "lama", three())
        seller(root, "bulanan", three())
        seller(root, "aktif", three())
        commit(root, ["."], today - timedelta(days=120), "awal")
        for slug, days in (("lama", 100), ("lama", 90), ("bulanan", 20), ("aktif", 2), ("rusak", 1)):
            note = root / "sellers" / slug / "shop.yaml"
            note.write_text(note.read_text(encoding="utf-8") + f"# {days}\n", encoding="utf-8")
            commit(root, [str(note)], today - timedelta(days=days))
        seller(root, "baru", [product("Kain"), product("Tas", price="tanya"), product("Kopi")])
        return root

    return make


def test_json_shape_and_funnel_on_a_market_with_git_history(market, run):
    root = market(date.today())
    code, out, err = run(["report", str(root), "--json"])
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["funnel", "sellers"]
    assert data["funnel"] == [
        {"step": "seller_folders", "count": 6},
        {"step": "shops_build", "count": 5},
        {"step": "three_products", "count": 4},
        {"step": "photos_and_prices", "count": 3},
        {"step": "changed_30_days", "count": 2},
        {"step": "changed_7_days", "count": 1},
    ]
    assert [s["slug"] for s in data["sellers"]] == ["rusak", "sedikit", "baru", "lama", "bulanan", "aktif"]
    assert all(list(s) == SELLER_KEYS for s in data["sellers"])
    by_slug = {s["slug"]: s for s in data["sellers"]}
    today = date.today()
    assert by_slug["aktif"]["last_change"] == (today - timedelta(days=2)).isoformat()
    assert by_slug["bulanan"]["last_change"] == (today - timedelta(days=20)).isoformat()
    assert by_slug["lama"]["last_change"] == (today - timedelta(days=90)).isoformat()
    assert by_slug["baru"]["last_change"] == today.isoformat()  # never committed: its file times
    assert by_slug["rusak"]["errors"] == 1
    assert by_slug["baru"] | {"todo": []} == {
        "slug": "baru",
        "last_change": today.isoformat(),
        "products": 3,
        "with_photo": 3,
        "with_price": 2,
        "errors": 0,
        "warnings": 0,
        "todo": [],
    }
    assert by_slug["aktif"]["todo"] == []


def test_funnel_is_in_order_and_never_grows_on_the_example_market(run, tmp_path):
    code, out, _ = run(["report", str(REPO), "--json"])
    assert code == 0
    data = json.loads(out)
    steps = [s["step"] for s in data["funnel"]]
    assert steps == list(STEPS[: len(steps)]) and len(steps) in (5, 6)
    counts = [s["count"] for s in data["funnel"]]
    assert counts[0] == len(list((REPO / "sellers").iterdir())) == len(data["sellers"])
    assert all(a >= b for a, b in zip(counts, counts[1:]))
    assert all(list(s) == SELLER_KEYS for s in data["sellers"])
    # The same market outside git: its file times, and no 7-day step (file times are no history).
    copy = tmp_path / "pasar"
    shutil.copytree(REPO / "sellers", copy / "sellers")
    shutil.copy(REPO / "lapak.yaml", copy)
    data = json.loads(run(["report", str(copy), "--json"])[1])
    assert [s["step"] for s in data["funnel"]] == list(STEPS[:-1])
    assert {s["last_change"] for s in data["sellers"]} == {date.today().isoformat()}


def test_todo_in_both_languages(market):
    today = date(2026, 11, 2)
    root = market(today)
    (root / "sellers" / "lama" / "products" / "p0.md").write_text(product("Kain", price="tanya", photo=False))
    seller(root, "diam", [product("Kain", photo=False), product("Tas", photo=False)])
    commit(root, ["."], date(2026, 8, 14))
    result = load_market(root)
    id_ = {s.slug: list(s.todo) for s in funnel_report(root, *result, "id", today).sellers}
    en = {s.slug: list(s.todo) for s in funnel_report(root, *result, "en", today).sellers}
    assert id_["diam"] == [
        "baru 2 produk — tambahkan 1 lagi",
        "2 produk belum ada fotonya",
        "belum ada perubahan sejak 14 Agustus",
    ]
    assert en["diam"] == [
        "only 2 products so far — add 1 more",
        "2 products have no photo yet",
        "no change since 14 August",
    ]
    assert id_["lama"] == [
        "1 produk belum ada fotonya",
        "1 produk belum ada harganya",
        "belum ada perubahan sejak 14 Agustus",
    ]
    assert en["lama"] == ["1 product has no photo yet", "1 product has no price yet", "no change since 14 August"]
    assert id_["sedikit"] == [
        "baru 1 produk — tambahkan 2 lagi",
        "1 produk belum ada fotonya",
        "belum ada perubahan sejak 5 Juli",
    ]
    assert id_["rusak"] == ["1 galat harus diperbaiki dulu agar tokonya bisa dibuat — jalankan lapak check"]
    assert en["rusak"] == ["1 errors must be fixed before the shop can be built — run lapak check"]
    assert id_["bulanan"] == id_["aktif"] == en["aktif"] == []
    later = {s.slug: s.todo for s in funnel_report(root, *result, "id", date(2027, 1, 5)).sellers}
    assert later["diam"][-1] == "belum ada perubahan sejak 14 Agustus 2026"


def test_report_html_is_written_where_asked_and_its_path_printed(market, run, tmp_path):
    root = market(date.today())
    code, out, _ = run(["report", str(root)], cwd=root)
    assert code == 0 and out == "Laporan ditulis ke report.html — buka file itu di browser, atau cetak\n"
    assert (root / "report.html").is_file()
    target = tmp_path / "laporan" / "pasar.html"
    code, out, _ = run(["report", str(root), "--out", str(target), "--lang", "en"], cwd=tmp_path)
    assert code == 0 and out == "Report written to laporan/pasar.html — open it in a browser, or print it\n"
    page = target.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Sellers active per week" in page


class _Checker(HTMLParser):
    """The hand checks of a well-formed page: every element closed in order, ids unique."""

    VOID = {"meta", "link", "br", "img", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if "id" in dict(attrs):
            self.ids.append(dict(attrs)["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_report_page_is_well_formed_self_contained_and_accessible(market, lang):
    root = market(date.today())
    page = render_report(funnel_report(root, *load_market(root), lang), lang)
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert page.startswith("<!DOCTYPE html>") and checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))
    tags = checker.tags
    assert ("html", {"lang": lang}) in tags
    assert not any(a.get("src") or (t == "link" and a.get("href") != "data:,") for t, a in tags)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    svgs = [a for t, a in tags if t == "svg"]
    assert len(svgs) == 2 and all(a["role"] == "img" and a["aria-labelledby"] in checker.ids for a in svgs)
    assert all(a.get("scope") in ("col", "row") for t, a in tags if t == "th")
    assert "@media print" in page and "size: A4" in page
    # Without JavaScript the table is already sorted by need: the rows come in the JSON's order.
    order = [a["data-v"] for t, a in tags if t == "th" and a.get("scope") == "row" and "data-v" in a]
    assert order[-6:] == ["rusak", "Toko Sedikit", "Toko Baru", "Toko Lama", "Toko Bulanan", "Toko Aktif"]


def test_a_market_outside_git_has_no_weekly_chart(tmp_path):
    root = tmp_path / "pasar"
    seller(root, "satu", three())
    report = funnel_report(root, *load_market(root))
    assert not report.from_git and report.weeks == ()
    assert [step for step, _ in report.steps] == list(STEPS[:-1])
    page = render_report(report)
    assert page.count("<svg") == 1 and "waktu file" in page
    assert report_data(report)["sellers"][0]["last_change"] == date.today().isoformat()


def test_check_shows_the_same_last_change_as_the_report(market, run):
    root = market(date.today())
    report = {s["slug"]: s["last_change"] for s in json.loads(run(["report", str(root), "--json"])[1])["sellers"]}
    code, out, _ = run(["check", str(root), "--json"])
    assert {s["slug"]: s["last_change"] for s in json.loads(out)["sellers"]} == report
    code, out, _ = run(["check", str(root)])
    table = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:-1]}
    assert out.splitlines()[0].startswith("toko     perubahan terakhir  produk")
    assert table == report


def test_a_folder_that_is_no_market_is_refused(run, tmp_path):
    code, out, err = run(["report", str(tmp_path), "--json"])
    assert code == 1 and out == "" and "sellers/" in err
    assert not (tmp_path / "report.html").exists()


def test_an_edit_not_committed_yet_counts_as_a_change(market, run):
    root = market(date.today())
    shop = root / "sellers" / "lama" / "shop.yaml"
    shop.write_text(shop.read_text(encoding="utf-8") + "kota: Wates\n", encoding="utf-8")
    week_ago = datetime.combine(date.today() - timedelta(days=6), time(12)).timestamp()
    os.utime(shop, (week_ago, week_ago))
    data = json.loads(run(["report", str(root), "--json"])[1])
    lama = next(s for s in data["sellers"] if s["slug"] == "lama")
    assert lama["last_change"] == (date.today() - timedelta(days=6)).isoformat() and lama["todo"] == []
    assert [s["count"] for s in data["funnel"]] == [6, 5, 4, 3, 3, 2]


def test_the_report_counts_each_sellers_problems_as_check_does(market, tmp_path):
    from generator.health import seller_health
    from generator.report.funnel import _health

    root = market(date.today())
    (root / "sellers" / "aktif" / "products" / "p9.md").write_text("---\nnama: X\nharga: 1\nwarna: biru\n---\n")
    loaded = load_market(root)
    assert _health(*loaded) == seller_health(*loaded)
    assert sum(r.warnings for r in _health(*loaded)) >= 1 and sum(r.errors for r in _health(*loaded)) == 1
    single = tmp_path / "satu"
    seller(single, "toko", [product("Kain", price="tiga")])
    shop = load_market(single / "sellers" / "toko")
    assert _health(*shop) == seller_health(*shop) and _health(*shop)[0].errors == 1
