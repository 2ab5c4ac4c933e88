"""Golden output of tests/sites/basic, compared file by file.

Refresh after an intended change with:  LAPAK_REFRESH_GOLDEN=1 python -m pytest tests/test_golden.py
then review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import os
import shutil

from conftest import SITES, TESTS
from PIL import Image

from generator.cli import main

GOLDEN = TESTS / "golden" / "basic"
IMAGE_SUFFIXES = {".jpg", ".webp", ".png"}


def _build(tmp_path):
    root = tmp_path / "basic"
    shutil.copytree(SITES / "basic", root)
    assert main(["build", str(root), "--out", str(tmp_path / "out")]) == 0
    return tmp_path / "out"


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_basic_site_matches_golden_output(tmp_path):
    out = _build(tmp_path)
    if os.environ.get("LAPAK_REFRESH_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN)
    assert _files(out) == _files(GOLDEN)
    for rel in _files(out):
        new, old = out / rel, GOLDEN / rel
        if new.suffix in IMAGE_SUFFIXES:
            # Encoded bytes vary with the libjpeg build; names (content hashes) and sizes must not.
            with Image.open(new) as a, Image.open(old) as b:
                assert a.size == b.size, rel
        else:
            assert new.read_text(encoding="utf-8") == old.read_text(encoding="utf-8"), rel


def test_templates_compiled_in_an_earlier_run_give_the_golden_output(tmp_path, monkeypatch):
    from generator.render import themes

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for fresh in (True, False):  # compiled and kept, then loaded from what was kept
        themes.environment.cache_clear()
        themes._compiled_templates.cache_clear()
        out = _build(tmp_path / str(fresh))
        assert list((tmp_path / "cache" / "lapak" / "templates").iterdir())
        for rel in _files(GOLDEN):
            if (GOLDEN / rel).suffix not in IMAGE_SUFFIXES:
                assert (out / rel).read_text(encoding="utf-8") == (GOLDEN / rel).read_text(encoding="utf-8"), rel
    themes.environment.cache_clear()
    themes._compiled_templates.cache_clear()


def test_a_template_cache_that_cannot_be_written_costs_nothing_but_time(tmp_path, monkeypatch):
    import tempfile

    from generator.render import themes

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    themes.environment.cache_clear()
    themes._compiled_templates.cache_clear()
    try:
        out = _build(tmp_path)
        assert (out / "index.html").read_text(encoding="utf-8") == (GOLDEN / "index.html").read_text(encoding="utf-8")
    finally:
        themes.environment.cache_clear()
        themes._compiled_templates.cache_clear()
