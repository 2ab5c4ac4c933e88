"""Shared fixtures: sample sites, a scratch project writer and a CLI runner."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator.cli import main
from generator.core import caches

TESTS = Path(__file__).resolve().parent
SITES = TESTS / "sites"
PHOTOS = TESTS / "photos"


@pytest.fixture
def scratch(tmp_path):
    """Write dedented files into a fresh project folder: scratch({"sellers/a/shop.yaml": "..."})."""

    def write(files: dict[str, str | bytes]) -> Path:
        for rel, content in files.items():
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return tmp_path

    return write


@pytest.fixture
def site_copy(tmp_path):
    """A copy of tests/sites/<name> in tmp_path (builds write output/ and .lapak-cache/ there)."""

    def copy(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(SITES / name, dest)
        return dest

    return copy


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the CLI in a folder; returns (exit code, stdout, stderr)."""

    def invoke(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None):
        if cwd:
            monkeypatch.chdir(cwd)
        monkeypatch.delenv("LAPAK_LANG", raising=False)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        code = main(args)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory):
    """Compiled templates go to the user's cache folder (themes._compiled_templates): the
    tests keep theirs apart, so a run leaves nothing in ~/.cache."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    caches.clear()


@pytest.fixture
def fresh_caches():
    """Every in-process cache emptied before and after the test, as in a new process."""
    caches.clear()
    yield
    caches.clear()


@pytest.fixture(scope="module")
def chromium():
    """Headless Chromium (the system's), one per test module that asks for it."""
    from browser import launch, start_playwright  # Playwright loads only for the browser tests

    playwright = start_playwright()
    try:
        browser = launch(playwright)
        yield browser
        browser.close()
    finally:
        playwright.stop()
