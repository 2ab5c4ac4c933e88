"""`lapak check` says again what the last build or check found of a seller whose files are
unchanged, without loading it: its messages, table and exit code are the same as a check
that loads every seller, and an edit is always seen."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from generator.build import CACHE_DIR, build


def settle(root: Path) -> None:
    """Every file made older than a clock tick (a file saved a moment ago is always read again)."""
    old = time.time() - 60
    for dirpath, _, names in os.walk(root):
        for name in names:
            os.utime(os.path.join(dirpath, name), (old, old))


def cold(root: Path) -> None:
    for name in (CACHE_DIR, "output"):
        shutil.rmtree(root / name, ignore_errors=True)


def checks(run, root: Path) -> list[tuple]:
    return [run(["check", str(root)]), run(["check", str(root), "--json"]), run(["check", str(root), "--lang", "en"])]


def recalled(root: Path) -> set[str]:
    return set(build(root, write=False).recalled)


@pytest.mark.parametrize("site", ["basic", "invalid_mixed", "single_shop"])
def test_check_after_a_build_or_a_check_says_what_a_cold_check_says(site_copy, run, site):
    root = site_copy(site)
    settle(root)
    first = checks(run, root)
    cold(root)
    assert run(["build", str(root)])[0] in (0, 1)
    assert recalled(root)  # every seller that built is said again as the build found it
    assert checks(run, root) == first
    cold(root)
    checks(run, root)
    assert recalled(root)  # the last check's findings, this time
    assert checks(run, root) == first
    assert not (root / "output").exists()  # a check writes in the cache folder only


def test_an_edit_since_the_last_build_is_seen_and_nothing_stale_is_said(site_copy, run):
    root = site_copy("invalid_mixed")
    settle(root)
    assert run(["build", str(root)])[0] == 1
    assert recalled(root) == {"baik"}
    before = checks(run, root)
    product = next((root / "sellers/baik/products").iterdir())
    product.write_text(product.read_text(encoding="utf-8") + "harga: [\n", encoding="utf-8")
    settle(root)  # as old as the recorded files: told apart by its size
    assert "baik" not in recalled(root)  # loaded again (and what it has now remembered)
    after = checks(run, root)
    cold(root)
    assert checks(run, root) == after
    code, out, err = after[0]
    assert code == 1 and f"sellers/baik/products/{product.name}" in err
    assert [row.split()[-1] != "0" for row in out.splitlines() if row.startswith("baik ")] == [True]  # its new error
    # Fixed again: the error is gone at once.
    product.write_text(product.read_text(encoding="utf-8").removesuffix("harga: [\n"), encoding="utf-8")
    settle(root)
    assert "baik" not in recalled(root)
    fixed = checks(run, root)
    cold(root)
    assert checks(run, root) == fixed
    assert fixed == before and after != before


def test_a_theme_edit_is_seen(site_copy, run):
    root = site_copy("basic")
    settle(root)
    checks(run, root)
    assert recalled(root) == {"toko-a", "toko-b"}
    (root / "themes/lain").mkdir(parents=True)
    (root / "themes/lain/theme.yaml").write_text("name: lain\n", encoding="utf-8")
    settle(root)
    assert not recalled(root)  # the themes' files are part of what every seller is checked against


def test_a_market_checked_whole_in_the_workers_says_what_one_process_says(site_copy, run):
    root = site_copy("invalid_mixed")
    for i in range(9):  # enough sellers that each is loaded and rendered by one worker
        shutil.copytree(root / "sellers/baik", root / f"sellers/baik-{i}")
    shutil.copytree(root / "sellers/rusak", root / "sellers/rusak-2")
    settle(root)
    alone = build(root, write=False, jobs=1)
    cold(root)
    together = build(root, write=False, jobs=2)
    assert sorted(alone.problems, key=repr) == sorted(together.problems, key=repr)
    assert (alone.built, alone.skipped) == (together.built, together.skipped)
    first = checks(run, root)
    assert recalled(root) == {f"baik-{i}" for i in range(9)} | {"baik", "rusak", "rusak-2"}
    assert checks(run, root) == first
    cold(root)
    assert run(["build", str(root)])[0] == 1
    assert checks(run, root) == first
    code, out, _ = first[0]
    assert code == 1 and len(out.splitlines()) == 14 and "12 toko" in out.splitlines()[-1]


def test_a_single_shop_with_a_warning_in_its_lapak_yaml_hears_it_once(site_copy, run):
    root = site_copy("single_shop")
    (root / "lapak.yaml").write_text("nma: Pasar\n", encoding="utf-8")  # an unknown key: a warning
    settle(root)
    first = checks(run, root)
    assert first[0][2].count("lapak.yaml") == 1
    cold(root)
    assert run(["build", str(root)])[0] == 0
    assert recalled(root) and checks(run, root) == first
    assert checks(run, root) == first
