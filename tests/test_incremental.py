"""Rebuilds render and write only what changed: a no-op rebuild touches no output file, and
after any edit the output is byte for byte what a clean build makes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import snapshot
from PIL import Image

import generator.build as build_module
import generator.load.loader as loader_module
import generator.workers as workers_module
from generator.build import build
from generator.render.pages import Renderer
from generator.render.search import search_index


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each output file's (mtime, inode): a file written again, even with the same bytes, differs."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".lapak-lock")
    }


def _published(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(folder).items() if not os.path.basename(k).startswith(".lapak-lock")}


def _same_as_clean_build(root: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.rmtree(root / ".lapak-cache", ignore_errors=True)
    assert build(root, clean).ok
    assert _published(root / "output") == _published(clean)


def _age(root: Path) -> None:
    """Make every input look saved long ago, as a seller's files are between two builds."""
    for path in root.rglob("*"):
        if path.is_file() and "output" not in path.parts and ".lapak-cache" not in path.parts:
            os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))


@pytest.fixture
def count_renders(monkeypatch):
    """How many pages were rendered, by template (builds run in this process: jobs=1)."""
    seen: list[tuple[str, str]] = []
    original = Renderer.render

    def render(self, template, page, **context):
        seen.append((template, page))
        return original(self, template, page, **context)

    monkeypatch.setattr(Renderer, "render", render)
    return seen


def test_a_rebuild_with_nothing_changed_touches_no_file(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    before = _stamps(root / "output")
    assert run(["build", str(root)])[0] == 0
    assert _stamps(root / "output") == before


def test_a_rebuild_with_nothing_changed_loads_and_renders_no_shop(site_copy, count_renders, monkeypatch):
    root = site_copy("basic")
    _age(root)
    assert build(root, jobs=1).ok
    loaded = []
    monkeypatch.setattr(loader_module, "load_seller", lambda *a, **k: loaded.append(a[2]))
    count_renders.clear()
    result = build(root, jobs=1)
    assert loaded == [] and [t for t, _ in count_renders if t != "market.html" and t != "404.html"] == []
    assert result.built == ["toko-a", "toko-b"] and result.products == 5


def test_kept_shops_report_their_warnings_again(site_copy):
    root = site_copy("basic")
    product = root / "sellers/toko-b/products/keripik.md"
    product.write_text(product.read_text().replace("price: 15000", "price: 15000\nwarna_kesukaan: biru"))
    _age(root)
    first = [p.format("en") for p in build(root).problems if p.is_warning]
    assert first and any("warna_kesukaan" in w for w in first)
    again = [p.format("en") for p in build(root).problems if p.is_warning]
    assert again == first


EDITS = {
    "product description": (
        "sellers/toko-b/products/keripik.md",
        lambda t: t + "\nBaru: pedas manis.\n",
        {"toko-b/keripik.html"},
    ),
    "product price": ("sellers/toko-b/products/keripik.md", lambda t: t.replace("15000", "16000"), None),
    "shop.yaml": (
        "sellers/toko-b/shop.yaml",
        lambda t: t.replace("Snacks from Solo", "Crunchy snacks from Solo"),
        None,
    ),
    "lapak.yaml": ("lapak.yaml", lambda t: t.replace("Pasar Uji", "Pasar Uji Coba"), None),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_an_edit_gives_the_clean_build_and_leaves_other_shops_alone(site_copy, tmp_path, kind):
    root = site_copy("basic")
    _age(root)
    assert build(root).ok
    before = _stamps(root / "output")
    path, edit, only_changed = EDITS[kind]
    (root / path).write_text(edit((root / path).read_text()))
    assert build(root).ok
    after = _stamps(root / "output")
    changed = {k for k in after if after[k] != before.get(k)} - {".lapak-files.json"}
    assert changed, "the edit must show"
    if kind != "lapak.yaml":
        assert not any(k.startswith("toko-a/") for k in changed), changed
    else:  # every page shows the market's name; the photos do not
        assert not any(k.startswith("toko-a/foto/") for k in changed), changed
    if only_changed is not None:
        assert changed == only_changed
    _same_as_clean_build(root, tmp_path)


def test_a_description_edit_renders_one_page(site_copy, count_renders):
    root = site_copy("basic")
    _age(root)
    assert build(root, jobs=1).ok
    product = root / "sellers/toko-b/products/keripik.md"
    product.write_text(product.read_text() + "\nBaru.\n")
    count_renders.clear()
    assert build(root, jobs=1).ok
    shop_pages = [
        page for template, page in count_renders if template not in ("market.html", "404.html", "qr_sheet.html")
    ]
    assert shop_pages == ["toko-b/keripik.html"]


def test_an_edit_reads_only_the_edited_product_file(site_copy, monkeypatch):
    root = site_copy("basic")
    _age(root)
    assert build(root, jobs=1).ok
    read = []
    original = loader_module.read_product_file
    monkeypatch.setattr(
        loader_module, "read_product_file", lambda path, rel, data=None: read.append(rel) or original(path, rel, data)
    )
    product = root / "sellers/toko-a/products/kain-indigo.md"
    product.write_text(product.read_text() + "\nBaru.\n")
    assert build(root, jobs=1).ok
    assert read == ["sellers/toko-a/products/kain-indigo.md"]


def test_a_changed_photo_gives_the_clean_build(site_copy, tmp_path):
    root = site_copy("basic")
    _age(root)
    assert build(root).ok
    before = _stamps(root / "output")
    Image.new("RGB", (900, 600), (200, 30, 30)).save(root / "sellers/toko-a/photos/kain-indigo.jpg", quality=90)
    assert build(root).ok
    after = _stamps(root / "output")
    changed = {k for k in after if after[k] != before.get(k)}
    assert any(k.startswith("toko-a/foto/") for k in changed)
    assert not any(k.startswith("toko-b/") for k in changed), changed
    _same_as_clean_build(root, tmp_path)


def test_a_theme_template_edit_gives_the_clean_build(site_copy, tmp_path):
    root = site_copy("basic")
    theme = root / "themes/rapi"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.yaml").write_text("extends: base\n")
    base = Path(build_module.__file__).parent.parent / "themes/base/templates/product.html"
    (theme / "templates/product.html").write_text(base.read_text())
    shop = root / "sellers/toko-a/shop.yaml"
    shop.write_text(shop.read_text() + "tema: rapi\n")
    _age(root)
    assert build(root).ok
    before = _stamps(root / "output")
    template = theme / "templates/product.html"
    template.write_text(
        template.read_text().replace("<h1>{{ product.name }}</h1>", "<h1 class=nama>{{ product.name }}</h1>")
    )
    assert build(root).ok
    after = _stamps(root / "output")
    changed = {k for k in after if after[k] != before.get(k)}
    assert (
        "toko-a/kain-indigo.html" in changed and "class=nama" in (root / "output/toko-a/kain-indigo.html").read_text()
    )
    assert not any(k.startswith("toko-b/") for k in changed), changed
    _same_as_clean_build(root, tmp_path)


def test_an_output_file_changed_by_hand_is_written_again(site_copy):
    root = site_copy("basic")
    _age(root)
    assert build(root).ok
    page = root / "output/toko-b/keripik.html"
    good = page.read_bytes()
    page.write_text("rusak")
    assert build(root).ok
    assert page.read_bytes() == good


def test_a_seller_that_breaks_and_is_fixed_comes_back(site_copy, tmp_path):
    root = site_copy("basic")
    _age(root)
    assert build(root).ok
    product = root / "sellers/toko-b/products/keripik.md"
    good = product.read_text()
    product.write_text(good.replace("price: 15000", "price: mahal"))
    broken = build(root)
    assert not broken.ok and "toko-b" in broken.skipped
    assert (root / "output/toko-b/keripik.html").is_file()  # the last good shop stays
    again = build(root)  # still broken: said again, not taken as built
    assert not again.ok and "toko-b" in again.skipped
    product.write_text(good)
    assert build(root).ok
    _same_as_clean_build(root, tmp_path)


def test_the_cache_can_be_deleted_at_any_time(site_copy, tmp_path):
    root = site_copy("basic")
    assert build(root).ok
    shutil.rmtree(root / ".lapak-cache")
    before = _stamps(root / "output")
    assert build(root).ok
    assert _stamps(root / "output") == before  # rendered again, but the same bytes: nothing written
    _same_as_clean_build(root, tmp_path)


def test_a_removed_seller_leaves_nothing_in_the_cache(site_copy):
    root = site_copy("basic")
    assert build(root).ok
    cached = sorted(p.name for p in (root / ".lapak-cache").rglob("toko-b*"))
    assert cached  # its state and its product memo
    shutil.rmtree(root / "sellers/toko-b")
    assert build(root).ok
    assert not list((root / ".lapak-cache").rglob("toko-b*"))
    assert not (root / "output/toko-b").exists()


def test_a_single_shop_with_its_zip_beside_it_is_not_read_again(site_copy, run, monkeypatch):
    root = site_copy("basic") / "sellers/toko-b"
    _age(root)
    assert run(["build", str(root), "--zip"])[0] == 0
    assert (root / "output.zip").is_file()  # inside the shop's folder, and new each time
    loaded = []
    original = loader_module.load_seller
    monkeypatch.setattr(loader_module, "load_seller", lambda *a, **k: loaded.append(a[2]) or original(*a, **k))
    before = _stamps(root / "output")
    assert run(["build", str(root), "--zip"])[0] == 0
    assert loaded == [] and _stamps(root / "output") == before


def test_one_big_shop_rendered_by_every_worker_gives_the_same_site(site_copy, tmp_path, monkeypatch):
    root = site_copy("basic") / "sellers/toko-a"  # a single shop: the pool's workers share its pages
    assert build(root, tmp_path / "alone", jobs=1).ok
    monkeypatch.setattr(build_module, "BATCH_FROM_PRODUCTS", 1)
    assert build(root, tmp_path / "shared", jobs=2).ok  # real worker processes
    assert _published(tmp_path / "alone") == _published(tmp_path / "shared")
    shares = []  # and which shares were asked for (workers in this process, to see them)
    original = workers_module.render_pages_task
    monkeypatch.setattr(workers_module, "render_pages_task", lambda task: shares.append(task.batch) or original(task))
    monkeypatch.setattr(workers_module.Workers, "map", lambda self, fn, items, **kw: map(fn, items))
    assert build(root, tmp_path / "again", jobs=2).ok
    assert shares == [(0, 2), (1, 2)]
    assert _published(tmp_path / "alone") == _published(tmp_path / "again")


def test_a_cold_build_reads_each_product_file_once(site_copy, monkeypatch):
    """The content digest's read is the one the reader parses (no second read from the disk)."""
    root = site_copy("basic")
    reads = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or original(self))
    assert build(root, jobs=1).ok
    assert not [name for name in reads if name.endswith(".md")]


def test_rendering_a_shop_leaves_next_to_no_reference_cycles(site_copy):
    """workers.no_cycles pauses the cycle collector while a shop renders: fine only while
    rendering makes (next to) no cyclic garbage. A few dozen objects a shop (json's indented
    encoder, for the web manifest), none per page."""
    import gc

    from generator.render.pages import _CARDS, _MARKED, _PARTS

    root = site_copy("basic")
    captured = []
    original = workers_module.render_shop
    workers_module.render_shop = lambda *args: captured.append(args) or original(*args)
    try:
        assert build(root, jobs=1).ok
    finally:
        workers_module.render_shop = original
    for cache in (_CARDS, _MARKED, _PARTS):
        cache.clear()
    gc.collect()
    gc.disable()
    try:
        for args in captured:
            original(*args)
        assert gc.collect() <= 40 * len(captured)
    finally:
        gc.enable()


def _mixed_market(site_copy) -> Path:
    """Sellers of every kind a worker may or may not build whole: without photos, with photos,
    with a theme/ of their own, with an unknown theme, broken, and a few more plain ones."""
    root = site_copy("basic")
    sellers = root / "sellers"
    for name in ("toko-c", "toko-d", "toko-e", "toko-f", "toko-g", "toko-h"):
        shutil.copytree(sellers / "toko-b", sellers / name)
    (sellers / "toko-c/shop.yaml").write_text("name: Toko C\nwhatsapp: 0812-3456-7890\ntema: tidak-ada\n")
    (sellers / "toko-d/shop.yaml").write_text("name: Toko D\n")  # no WhatsApp number: not built
    (sellers / "toko-e/theme/static").mkdir(parents=True)
    (sellers / "toko-e/theme/static/style.css").write_text(".brand{letter-spacing:.1em}")
    return root


def _built_whole(monkeypatch) -> list[str]:
    """Run the workers' tasks in this process, and list the sellers a worker built whole."""
    whole = []
    original = workers_module.build_seller_task

    def task(item):
        done = original(item)
        if done.built:
            whole.append(done.built.slug)
        return done

    monkeypatch.setattr(build_module, "build_seller_task", task)
    monkeypatch.setattr(workers_module.Workers, "map", lambda self, fn, items, **kw: map(fn, items))
    return whole


def _search_index_noting_where(cards):
    """search_index, leaving behind the process it ran in (a module-level function: a worker
    process gets it by name)."""
    Path(os.environ["LAPAK_TEST_SEARCH_PID"]).write_text(str(os.getpid()))
    return search_index(cards)


def test_a_big_market_s_search_is_made_by_a_worker_and_is_the_one_made_here(site_copy, tmp_path, monkeypatch):
    root = _mixed_market(site_copy)
    alone = build(root, tmp_path / "alone", jobs=1)
    monkeypatch.setattr(build_module, "SEARCH_APART_FROM", 1)
    monkeypatch.setattr(build_module, "search_index", _search_index_noting_where)
    monkeypatch.setenv("LAPAK_TEST_SEARCH_PID", str(tmp_path / "pid"))
    shutil.rmtree(root / ".lapak-cache")
    assert build(root, tmp_path / "workers", jobs=2).built == alone.built  # real worker processes
    assert int((tmp_path / "pid").read_text()) != os.getpid()
    assert _published(tmp_path / "workers") == _published(tmp_path / "alone")

    def unpicklable(cards):  # a local function cannot be sent to a worker: made here instead
        return search_index(cards)

    monkeypatch.setattr(build_module, "search_index", unpicklable)
    shutil.rmtree(root / ".lapak-cache")
    assert build(root, tmp_path / "here", jobs=2).built == alone.built
    assert _published(tmp_path / "here") == _published(tmp_path / "alone")


def test_sellers_built_whole_by_the_workers_give_the_same_site_and_problems(site_copy, tmp_path, monkeypatch):
    root = _mixed_market(site_copy)
    assert build_module.POOL_FROM_SELLERS <= 8  # the market above is big enough for the workers
    alone = build(root, tmp_path / "alone", jobs=1)
    shutil.rmtree(root / ".lapak-cache")
    workers = build(root, tmp_path / "workers", jobs=2)  # real worker processes
    assert _published(tmp_path / "alone") == _published(tmp_path / "workers")
    for result in (alone, workers):
        assert result.built == ["toko-a", "toko-b", "toko-e", "toko-f", "toko-g", "toko-h"]
        assert result.skipped == ["toko-c", "toko-d"] and result.products == alone.products
    assert sorted(map(repr, workers.problems)) == sorted(map(repr, alone.problems))
    assert {p.path for p in workers.problems if p.is_error} == {"sellers/toko-c/shop.yaml", "sellers/toko-d/shop.yaml"}

    whole = _built_whole(monkeypatch)
    shutil.rmtree(root / ".lapak-cache")
    assert build(root, tmp_path / "again", jobs=2).ok is False
    # Only plain sellers: the one with photos, the one with its own theme/ and the broken ones
    # went the usual way (photos over every worker, then the render).
    assert whole == ["toko-b", "toko-f", "toko-g", "toko-h"]
    assert _published(tmp_path / "alone") == _published(tmp_path / "again")


def test_sellers_built_whole_again_render_only_their_changed_pages(site_copy, tmp_path, monkeypatch, count_renders):
    root = _mixed_market(site_copy)
    _age(root)
    assert build(root, jobs=2).products > 0  # real worker processes
    before = _stamps(root / "output")
    whole = _built_whole(monkeypatch)
    assert not build(root, jobs=2).written and whole == []  # nothing changed: no seller even loaded
    # Every seller's files touched (all of them loaded again), one product really edited.
    product = root / "sellers/toko-g/products/keripik.md"
    product.write_text(product.read_text(encoding="utf-8") + "\nBaru dari dapur.\n", encoding="utf-8")
    for path in (root / "sellers").rglob("*"):
        os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert build(root, jobs=2).written
    assert whole == ["toko-b", "toko-f", "toko-g", "toko-h"]
    changed = {k for k, v in _stamps(root / "output").items() if before.get(k) != v}
    assert changed and all(k.startswith("toko-g/") or "/" not in k for k in changed), changed
    # Their pages as they were: not rendered again (toko-e's own theme/ was touched too).
    assert not [page for _, page in count_renders if page.split("/")[0] in ("toko-a", "toko-b", "toko-f", "toko-h")]
    assert [page for _, page in count_renders if page.startswith("toko-g/")]

    # Touched again, but not the photos: toko-a's are all in the photo cache now, as they
    # were: it is built whole too, and nothing is written.
    def touch_shop_files(when: int):
        for path in (root / "sellers").glob("*/shop.yaml"):
            os.utime(path, ns=(when, when))

    del whole[:]
    touch_shop_files(1_750_000_000_000_000_000)
    assert not build(root, jobs=2).written
    assert whole == ["toko-a", "toko-b", "toko-f", "toko-g", "toko-h"]
    clean_build = _clean_build(root, tmp_path)
    assert _published(root / "output") == clean_build

    # A photo with new content is not in the cache: toko-a takes the usual way again.
    del whole[:]
    photo = next((root / "sellers/toko-a/photos").iterdir())
    with Image.open(photo) as im:
        im.rotate(90, expand=True).save(photo)
    touch_shop_files(1_760_000_000_000_000_000)
    assert build(root, jobs=2).written
    assert "toko-a" not in whole and "toko-b" in whole
    assert _published(root / "output") == _clean_build(root, tmp_path)


def _clean_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build from nothing (no output, no cache, one process) publishes."""
    cache, clean = root / ".lapak-cache", tmp_path / "clean"
    shutil.move(cache, tmp_path / "cache-aside")
    shutil.rmtree(clean, ignore_errors=True)
    try:
        build(root, clean, jobs=1)
        return _published(clean)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.move(tmp_path / "cache-aside", cache)


def test_a_build_of_one_seller_leaves_the_others_standing_for_the_next_edit(site_copy, monkeypatch):
    """`--only` (as the editor rebuilds after a save) does not count the other sellers as
    failed: the next rebuild that knows what changed loads only the changed seller."""
    root = site_copy("basic")
    _age(root)
    assert build(root, jobs=1).ok
    assert build(root, only="toko-a", jobs=1).ok
    loaded = []
    original = loader_module.load_seller
    monkeypatch.setattr(loader_module, "load_seller", lambda *a, **k: loaded.append(a[2]) or original(*a, **k))
    product = root / "sellers/toko-a/products/selendang.yaml"
    product.write_text(product.read_text().replace("Selendang Sutra", "Selendang Sutra Baru"))
    assert build(root, only="toko-a", jobs=1, changed={str(product)}).ok
    assert loaded == ["toko-a"]
