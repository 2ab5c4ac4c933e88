#!/usr/bin/env python3
"""Phone-size screenshots of the example shops, one per theme, for the README.

Usage: python scripts/screenshots.py   (writes docs/screenshots/<theme>.png)

Builds the examples into a scratch folder and photographs each shop's home page and
one product page at 390×844 with ../shared/tools/browser-shot (headless Chromium).
Run it after changing a theme or the examples, and commit the pictures.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOT = ROOT.parent / "shared" / "tools" / "browser-shot"
PAGES = {  # theme: (shop page, product page) of the example that uses it
    "batik": ("batik-malon/index.html", "batik-malon/kain-indigo.html"),
    "cerah": ("dapur-bu-ning/index.html", "dapur-bu-ning/keripik-tempe.html"),
    "malam": ("anyaman-sumber-rejeki/index.html", "anyaman-sumber-rejeki/tas-pandan-jinjing.html"),
}


def main() -> int:
    target = ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "generator", "build", str(ROOT), "--out", str(out)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        for theme, pages in PAGES.items():
            for kind, page in zip(("toko", "produk"), pages):
                png = target / f"{theme}-{kind}.png"
                subprocess.run(
                    [str(SHOT), str(out), "/" + page, str(png), "--scale", "1"], check=True, stdout=subprocess.DEVNULL
                )
                print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
