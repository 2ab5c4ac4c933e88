"""Rebuilds write only what changed: a no-op rebuild touches no output file."""
from __future__ import annotations

import os

from helpers import snapshot


def _stamps(folder):
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".lapak-lock")}


def test_a_rebuild_with_nothing_changed_touches_no_file(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    before = _stamps(root / "output")
    assert run(["build", str(root)])[0] == 0
    assert _stamps(root / "output") == before


def test_editing_one_product_leaves_other_shops_alone_and_equals_a_clean_build(site_copy, run, tmp_path):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    before = _stamps(root / "output")
    product = root / "sellers/toko-b/products/keripik.md"
    product.write_text(product.read_text().replace("15000", "16000"))
    assert run(["build", str(root)])[0] == 0
    after = _stamps(root / "output")
    untouched = {k for k in before if k.startswith("toko-a/")}
    assert untouched and all(after[k] == before[k] for k in untouched)
    assert after["toko-b/keripik.html"] != before["toko-b/keripik.html"]
    assert run(["build", str(root), "--out", str(tmp_path / "clean")])[0] == 0
    ours = {k: v for k, v in snapshot(root / "output").items() if not os.path.basename(k).startswith(".lapak-lock")}
    clean = {k: v for k, v in snapshot(tmp_path / "clean").items() if not os.path.basename(k).startswith(".lapak-lock")}
    assert ours == clean
