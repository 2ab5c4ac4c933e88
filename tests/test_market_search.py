"""The market search at 50,000 products: split by word prefix so that one query downloads little
(its words' shards and the product records it shows), with the results search.js computes
checked against every product; the bounds that tell which record files hold the names starting
with a query; and the category pages across the market."""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest
from helpers import read_search
from test_market_pages import elements

import generator.render.pages as pages_module
import generator.render.search as search_module
from generator.core.models import Market, ShopCard, SiteInfo
from generator.render.pages import Renderer
from generator.render.search import SEARCH_SHARD_BYTES, SPELLING_VARIANTS, fold_words, name_key
from generator.render.themes import resolve_theme, theme_dirs

KINDS = {
    "Batik": (["Batik Tulis", "Batik Cap", "Kain Batik", "Kemeja Batik"], ["Mega Mendung", "Parang Rusak", "Kawung"]),
    "Tenun": (["Kain Tenun", "Sarung Tenun", "Songket", "Ulos"], ["Ikat Sumba", "Troso", "Lurik", "Toraja"]),
    "Kripik": (["Keripik Singkong", "Kripik Tempe", "Rempeyek", "Sambel Bawang"], ["Pedas Manis", "Balado", "Keju"]),
    "Keripik": (["Keripik Pisang", "Kue Bawang", "Dodol", "Bakpia"], ["Original", "Durian", "Kacang Hijau"]),
    "Kopi": (["Kopi Bubuk", "Biji Kopi", "Teh Tubruk"], ["Gayo", "Toraja", "Kintamani", "Flores Bajawa"]),
    "Kerajinan": (["Tas Anyaman", "Keranjang Rotan", "Ukiran Kayu", "Gerabah"], ["Pandan", "Bambu", "Jati"]),
}
CITIES = ["Yogyakarta", "Solo", "Pekalongan", "Cirebon", "Lasem", "Jepara", "Semarang", "Kudus", "Pati", "Tegal"]


def corpus(shops: int, products: int) -> list[ShopCard]:
    rng = random.Random(7)
    cards = []
    for s in range(shops):
        cats = rng.sample(sorted(KINDS), 2)
        items = []
        for p in range(products):
            cat = rng.choice(cats)
            kinds, motifs = KINDS[cat]
            name = f"{rng.choice(kinds)} {rng.choice(motifs)}"
            slug = f"{re.sub('[^a-z]+', '-', name.lower())}-{s * products + p:05d}"
            items.append((name, slug, f"Rp{rng.randint(10, 1500)}.000", cat, f"foto/{slug}-0123456789-w160.webp"))
        name = f"{rng.choice(['Toko', 'Dapur', 'Galeri'])} {rng.choice(['Sari', 'Bu Wati', 'Pak Darmo'])} {s}"
        cards.append(ShopCard(f"toko-{s:04d}", name, "", rng.choice(CITIES), products, tuple(items)))
    return cards


def render(cards: list[ShopCard]) -> dict[str, bytes]:
    root = str(Path(__file__).parent / "sites" / "basic")
    market = Market(root=root, name="Pasar Jawa Tengah")
    return Renderer(market, SiteInfo("", resolve_theme(market.theme, theme_dirs(root)))).market_pages(cards)


def span(bounds: list[tuple[str, bool]], start: str) -> tuple[int, int]:
    """search.js's span: the record files [first, last] that may hold a name starting with `start`."""
    keys = [key for key, _ in bounds]
    lo, hi = 1, len(keys)
    while lo < hi:
        m = (lo + hi) // 2
        if keys[m] > start or (keys[m] == start and bounds[m][1]):
            hi = m
        else:
            lo = m + 1
    return lo - 1, bisect.bisect_left(keys, start + "~") - 1


def search(files: dict[str, bytes], index: dict, text: str) -> tuple[int, list[str], int]:
    """What search.js does for `text` pasted whole: (products found, the 60 shown as page paths,
    bytes loaded, the bounds file included). The record files of the names starting with the
    query are requested with the shards, before it is known whether they hold any result."""
    ix = index["manifest"]
    forms = [ix["variants"].get(w, w) for w in fold_words(text) if len(w) > 1]
    keys = {
        prefixes[0]
        for prefixes in ix["shards"]
        for w in forms
        if any(p.startswith(w) or w.startswith(p) for p in prefixes)
    }
    loaded = len(files["search-index.js"]) + sum(len(files[f"{ix['dir']}{k}.js"]) for k in keys)
    loaded += len(files.get(ix["dir"] + ix.get("bounds", "-"), b""))
    start = name_key(text)
    first, last = span(index["bounds"], start)
    near = list(range(first, last + 1))[: 1 + -(-60 // ix["per"])]
    hits = None
    for pair in forms:
        found = {i for k in keys for word, ids in index["shards"][k].items() if word.startswith(pair) for i in ids}
        hits = found if hits is None else hits & found
    ordered = sorted(hits or ())
    starting = [i for i in ordered if i // ix["per"] in near and name_key(index["products"][i][0]).startswith(start)]
    shown = (starting + [i for i in ordered if i not in set(starting)])[:60]
    loaded += sum(len(files[f"{ix['dir']}r-{c}.js"]) for c in {i // ix["per"] for i in shown} | set(near))
    return len(ordered), [index["products"][i][1] for i in shown], loaded


def expected(cards: list[ShopCard], text: str) -> list[str]:
    """Every product whose name, category, shop or town has a word starting with each word of
    `text` (or with its usual spelling): first those whose name starts with `text` (its words in
    their usual spelling, the last one begun), then the others, each by name."""
    forms = [(w, SPELLING_VARIANTS.get(w, w)) for w in fold_words(text) if len(w) > 1]
    start = " ".join(SPELLING_VARIANTS.get(w, w) for w in fold_words(text))
    found = []
    for n, card in enumerate(cards):
        for m, item in enumerate(card.items):
            words = fold_words(" ".join((item[0], item[3], card.name, card.city)))
            words += [SPELLING_VARIANTS.get(w, w) for w in words]
            if all(any(w.startswith(pair) for w in words) for pair in forms):
                name = " ".join(SPELLING_VARIANTS.get(w, w) for w in fold_words(item[0]))
                found.append((not name.startswith(start), name, n, m, f"{card.slug}/{item[1]}.html"))
    return [path for *_, path in sorted(found)]


@pytest.fixture(scope="module")
def market():
    cards = corpus(2500, 20)  # 50,000 products
    files = render(cards)
    return cards, files, read_search(files)


def test_one_query_downloads_at_most_100_kb_at_50000_products(market):
    cards, files, index = market
    shards = [name for name in files if name.startswith("assets/cari/") and "/r-" not in name]
    assert len(shards) > 10 and len(index["products"]) == 50_000  # crossed the threshold: split
    assert len(files["search-index.js"]) < 4_000  # the manifest stays tiny
    assert len(files["assets/cari/awal-nama.js"]) < 8_000  # and the bounds small
    loads = {}
    for query in ["keripik singkong", "kripik balado", "batik parang", "kain tenun toraja", "kopi gayo", "sambal"]:
        count, shown, loaded = search(files, index, query)
        assert count > 60 and len(shown) == 60, query
        assert loaded <= 100 * 1024, (query, loaded)
        loads[query] = loaded
    for query in ["solo", "ke"]:  # a town alone (one product in ten), a word begun
        loads[query] = search(files, index, query)[2]
        assert loads[query] <= 100 * 1024, (query, loads[query])
    print("bytes a query loads:", ", ".join(f"{q} {n / 1024:.0f} KB" for q, n in loads.items()))


def test_a_two_word_query_finds_exactly_the_products_with_both_words(market):
    cards, files, index = market
    for query in ["keripik singkong", "kripik balado", "tas pandan", "toraja kopi", "teh solo", "ke ba"]:
        want = expected(cards, query)
        count, shown, _ = search(files, index, query)
        assert count == len(want) and shown == want[:60], query
    assert search(files, index, "tidakada apapun")[:2] == (0, [])
    # what is shown of a product: its name, page, price, shop and smallest photo
    product = index["products"][0]
    card = next(c for c in cards if product[1].startswith(c.slug + "/"))
    item = next(i for i in card.items if product[1] == f"{card.slug}/{i[1]}.html")
    assert product == [item[0], product[1], item[2], card.name, item[4]]


def name_keys(index: dict) -> list[str]:
    """Every product's name_key, in product order (which is name order)."""
    keys = [name_key(index["products"][i][0]) for i in range(len(index["products"]))]
    assert keys == sorted(keys)  # the products are in name order
    return keys


def record_files(index: dict, start: str, keys: list[str]) -> list[int]:
    """The record files that hold a name starting with `start`, found by sorting the names."""
    ids = range(bisect.bisect_left(keys, start), bisect.bisect_left(keys, start + "~"))
    return sorted({i // index["manifest"]["per"] for i in ids})


def assert_bounds_find(index: dict, start: str, keys: list[str] | None = None) -> None:
    first, last = span(index["bounds"], start)
    files = record_files(index, start, name_keys(index) if keys is None else keys)
    # exactly those files; when there are none, one file (the one such a name would be in) at most
    assert files == list(range(first, last + 1)) or (not files and last - first == (0 if index["products"] else -1))


def test_the_bounds_tell_which_record_files_hold_the_names_starting_with_a_text(market):
    cards, files, index = market
    assert len(index["bounds"]) == len([n for n in files if "/r-" in n]) == 50_000 // 32 + 1
    names = sorted({name_key(p[0]) for p in index["products"].values()})
    starts = {name[:n] for name in names for n in range(1, len(name) + 1)}
    keys = name_keys(index)
    for start in sorted(starts | {"", "0", "a", "zz", "keripik singkong balado", "keripik singkong z", "kerz"}):
        assert_bounds_find(index, start, keys)


def test_the_bounds_at_the_edges(monkeypatch):
    """Equal names across a file boundary, a name that begins the next, accents and spellings
    folded, a name with no latin letter, two products a file; and an empty market."""
    monkeypatch.setattr(search_module, "SEARCH_RECORDS", 2)
    names = [
        "Kopi",
        "Kopi Gayo",
        "kopi gayo",
        "KOPI GAYO",
        "Kopi Gayo",
        "Kéripik Singkong",
        "Kripik Singkong",
        "keripik singkong balado",
        "Sambel Bawang",
        "sambal bawang",
        "ꦏꦽꦥꦶꦏ꧀",
        "Crème Brûlée",
        "Kopi  Gayo!",
        "kopia",
    ]
    items = tuple((n, f"p{i}", "Rp1.000", "Lain", "") for i, n in enumerate(names))
    files = render([ShopCard("toko", "Toko", "", "Solo", len(items), items)])
    index = read_search(files)
    keys = [name_key(index["products"][i][0]) for i in range(len(names))]
    assert keys[0] == "" and keys[1] == "creme brulee" and keys.count("kopi gayo") == 5
    assert keys.count("keripik singkong") == 2 and keys.count("sambal bawang") == 2
    assert any(both for _, both in index["bounds"]) and any(not both for _, both in index["bounds"][1:])
    for start in sorted({k[:n] for k in keys for n in range(len(k) + 1)} | {"kopi gayoz", "kopib", "zz", "a"}):
        assert_bounds_find(index, start)
    empty = read_search(render([]))
    assert empty["bounds"] == [] and "bounds" not in empty["manifest"] and span([], "kopi") == (0, -1)
    one = read_search(render([ShopCard("toko", "Toko", "", "Solo", 1, items[:1])]))
    assert "bounds" not in one["manifest"] and span(one["bounds"], "kopi") == (0, 0)


def test_a_small_market_keeps_one_shard():
    files = render(corpus(3, 4))
    index = read_search(files)
    assert len(index["shards"]) == 1 and sum(len(v) for v in files.values()) > 0
    assert sum(len(f) for n, f in files.items() if n.startswith("assets/cari/") and "/r-" not in n) < SEARCH_SHARD_BYTES


def test_category_pages_list_every_product_of_a_category_across_shops(monkeypatch):
    monkeypatch.setattr(pages_module, "MARKET_PAGE_SHOPS", 5)
    cards = corpus(6, 4)
    files = render(cards)
    # "Kripik" and "Keripik" are one category: one page, under the first spelling
    want = [f"{c.slug}/{i[1]}.html" for c in cards for i in c.items if i[3] in ("Kripik", "Keripik")]
    assert want and not any(n.startswith("kategori-kripik") for n in files)
    seen, path = [], "kategori-keripik.html"
    while path:
        page = elements(files[path])
        seen += [
            h for rel, h in page.links if re.fullmatch(r"toko-[0-9]+/.+\.html", h) and not h.endswith("/index.html")
        ]
        nexts = [h for rel, h in page.links if rel == "next"]
        path = nexts[0] if nexts else ""
    pages = -(-len(want) // 5)
    assert (
        seen == want and f"kategori-keripik.{pages}.html" in files and f"kategori-keripik.{pages + 1}.html" not in files
    )
    first = files["kategori-keripik.html"].decode()
    assert "<h1>Keripik</h1>" in first and f"{len(want)} produk" in first and "-w160.webp" in first
    assert 'href="kategori-keripik.html"' in files["index.html"].decode()  # linked from the market page


def test_the_category_list_is_capped_with_a_page_of_them_all(monkeypatch):
    monkeypatch.setattr(pages_module, "MARKET_CHIPS", 3)
    files = render(corpus(12, 6))
    first = elements(files["index.html"])
    listed = [h for rel, h in first.links if h.startswith("kategori-")]
    assert len(listed) == 3 and ("", "semua-kategori.html") in first.links
    every = [h for rel, h in elements(files["semua-kategori.html"]).links if h.startswith("kategori-")]
    assert sorted(every) == sorted(n for n in files if re.fullmatch(r"kategori-[a-z-]+\.html", n)) and len(every) == 5
    assert set(listed) < set(every)
