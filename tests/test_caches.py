"""One registry of in-process caches, one way to clear them."""

from __future__ import annotations

import ast
from pathlib import Path

import generator
from generator.cli import main
from generator.core import caches


def test_every_module_level_cache_is_registered():
    """No module keeps a dict cache or an lru_cache of its own (process constants aside)."""
    constants = {
        ("memo", "code_signature"),
        ("speedups", "enabled"),
        ("speedups", "environment_class"),
        ("speedups", "folded_gettext"),
        ("speedups", "output_escape"),
    }
    for path in Path(generator.__file__).parent.glob("*.py"):
        if path.stem == "caches":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if (
                isinstance(node, ast.AnnAssign | ast.Assign)
                and isinstance(node.value, ast.Dict)
                and not node.value.keys
            ):
                target = node.target if isinstance(node, ast.AnnAssign) else node.targets[0]
                if (path.stem, ast.unparse(target)) == ("memo", "_PENDING"):
                    continue  # product memos waiting to be saved: work to do, not a cache
                raise AssertionError(f"{path.stem}.{ast.unparse(target)} is an empty dict at module level")
            if isinstance(node, ast.FunctionDef):
                for deco in node.decorator_list:
                    if "lru_cache" in ast.unparse(deco) or ast.unparse(deco) == "cache":
                        assert (path.stem, node.name) in constants, f"{path.stem}.{node.name}"


def test_clear_empties_what_a_build_remembered(site_copy, fresh_caches):
    from generator.render import pages as render
    from generator.render import themes

    root = site_copy("basic")
    assert main(["build", str(root), "--jobs", "1"]) == 0  # rendered in this process
    assert render._CARDS and themes.environment.cache_info().currsize
    caches.clear()
    assert not render._CARDS and themes.environment.cache_info().currsize == 0
    assert main(["build", str(root)]) == 0  # and a build after it is whole again


def test_a_group_is_cleared_alone(fresh_caches):
    from generator.render import themes

    kept = caches.table("test.kept")
    kept["x"] = 1
    themes.environment.cache_clear()
    themes.environment(themes.resolve_theme("base", themes.theme_dirs("")), None, "id")
    caches.clear("templates")
    assert themes.environment.cache_info().currsize == 0
    assert kept == {"x": 1}
    caches.clear()
    assert kept == {}


def test_serve_clears_the_caches_when_a_theme_or_the_market_settings_change(site_copy, monkeypatch, fresh_caches):
    from generator import serve

    root = site_copy("basic")
    srv = serve.Server(root, port=0)
    try:
        remembered = caches.table("test.remembered")
        monkeypatch.setattr(serve, "build", lambda *a, **k: serve.BuildResult())
        remembered["x"] = 1
        srv.rebuild({str(root / "sellers" / "toko-a" / "products" / "selendang.yaml")})
        assert remembered == {"x": 1}  # a seller's file: the caches stand
        srv.rebuild({str(root / "lapak.yaml")})
        assert remembered == {}
        remembered["x"] = 1
        srv.rebuild({str(root / "themes" / "base" / "templates" / "base.html")})
        assert remembered == {}
    finally:
        srv.httpd.server_close()


def test_put_keeps_the_most_recently_used_entries_within_the_limit():
    table: dict = {}
    for n in range(5):
        caches.put(table, n, str(n), limit=3)
    assert list(table) == [2, 3, 4]
    caches.put(table, 2, "again", limit=3)  # used again: the youngest
    caches.put(table, 5, "5", limit=3)
    assert table == {4: "4", 2: "again", 5: "5"}


def test_a_process_keeps_the_memos_of_a_few_sellers_however_many_it_loads(tmp_path, monkeypatch):
    from generator.load import memo

    monkeypatch.setattr(memo, "LIVE_MEMOS", 3)
    for n in range(8):
        folder = tmp_path / "sellers" / f"toko-{n}"
        (folder / "products").mkdir(parents=True)
        (folder / "shop.yaml").write_text(f"nama: Toko {n}\nwhatsapp: 0812-3456-78{n:02d}\n", encoding="utf-8")
        (folder / "products" / "kopi.md").write_text(f"---\nnama: Kopi {n}\nharga: 10rb\n---\n", encoding="utf-8")
    caches.clear()
    assert main(["build", str(tmp_path), "--jobs", "1"]) == 0
    kept = [path for path in memo._LIVE if path.startswith(str(tmp_path))]
    assert 0 < len(kept) <= 3
    assert main(["build", str(tmp_path), "--jobs", "1"]) == 0  # and a rebuild still reads them right
    assert "Kopi 7" in (tmp_path / "output/toko-7/kopi.html").read_text(encoding="utf-8")


def test_a_worker_drops_what_it_remembered_of_a_seller_and_keeps_its_templates(tmp_path):
    from generator.load import memo
    from generator.output import incremental
    from generator.render import pages, themes

    caches.clear()
    theme = themes.resolve_theme("base", themes.theme_dirs(str(tmp_path)))
    themes.environment(theme, None, "id")
    pages._CARDS["x"] = pages._KEYS[1] = memo._LIVE["y"] = incremental._LIVE["z"] = "until the seller is done"
    caches.clear("seller")  # what workers.build_seller_task does after each seller
    assert not pages._CARDS and not pages._KEYS and not memo._LIVE and not incremental._LIVE
    assert themes.environment.cache_info().currsize == 1  # compiled templates serve the next seller
