"""Heavy libraries load when first used, not when a module is imported (a command that makes
no photo, text or page must not pay for Pillow, Python-Markdown, Jinja2 …)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The modules that defer them, and what each must leave unloaded.
MODULES = [
    "photos.imagecodec",
    "load.markup",
    "render.themes",
    "core.money",
    "load.keys",
    "load.paths",
    "load.products",
    "load.readers",
    "load.sheets",
    "load.yamlio",
    "load.values",
]
DEFERRED = [
    "PIL",
    "pillow_heif",
    "markdown",
    "jinja2",
    "babel.messages.pofile",
    "babel.numbers",
    "difflib",
    "phonenumbers",
    "openpyxl",
]


def test_importing_defers_heavy_libraries():
    code = (
        f"import sys\nfor m in {MODULES!r}: __import__('generator.' + m)\n"
        f"print(' '.join(m for m in {DEFERRED!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


def test_pillow_names_are_still_there_from_outside():
    from generator.photos import imagecodec

    assert isinstance(imagecodec.HEIF_SUPPORTED, bool)
    assert "JPEG" in imagecodec.FORMATS and imagecodec.SRGB is not None
    assert imagecodec.Image.MAX_IMAGE_PIXELS == 120_000_000
