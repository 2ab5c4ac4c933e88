"""Page weight budget (DESIGN §5): a product page's HTML + CSS + JS ≤ 14 KB gzipped, photos excluded."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

from helpers import parse

BUDGET = 14 * 1024


def page_weight(page: Path) -> int:
    """Gzipped bytes of the page and every local script and stylesheet it loads."""
    total = len(gzip.compress(page.read_bytes(), 9))
    parsed = parse(page)
    refs = [a.get("src") for t, a in parsed.tags if t == "script" and a.get("src")]
    refs += [a.get("href") for t, a in parsed.tags if t == "link" and a.get("rel") == "stylesheet"]
    for ref in refs:
        if urlsplit(ref).scheme:
            continue
        total += len(gzip.compress((page.parent / ref).read_bytes(), 9))
    return total


def test_every_product_page_fits_one_round_trip(site_copy, run):
    root = site_copy("basic")
    assert run(["build", str(root)])[0] == 0
    products = [p for p in (root / "output").glob("*/*.html") if p.name not in ("index.html", "katalog.html")]
    assert products
    weights = {p.relative_to(root / "output").as_posix(): page_weight(p) for p in products}
    assert max(weights.values()) <= BUDGET, weights


def test_the_weight_counts_loaded_scripts(tmp_path):
    import random

    (tmp_path / "a.js").write_bytes(random.Random(1).randbytes(10_000))  # does not compress
    (tmp_path / "p.html").write_text('<!doctype html><script src="a.js" defer></script>')
    assert page_weight(tmp_path / "p.html") > 10_000
