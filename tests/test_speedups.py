"""The Jinja2/MarkupSafe speed-ups are fenced: plain Jinja2 builds the same bytes, and the
speed-ups switch themselves off on versions they were not proven on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from conftest import SITES
from helpers import snapshot

from generator.render import speedups

REPO = Path(__file__).resolve().parent.parent


def _build(root: Path, out: Path, plain: bool) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k != "LAPAK_PLAIN_JINJA"}
    if plain:
        env["LAPAK_PLAIN_JINJA"] = "1"
    subprocess.run(
        [sys.executable, "-m", "generator", "build", str(root), "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
        cwd=REPO,
    )
    return snapshot(out)


@pytest.mark.parametrize("site", ["basic", "examples"])
def test_plain_jinja_builds_the_same_bytes(tmp_path, site):
    root = tmp_path / site
    if site == "examples":
        shutil.copytree(REPO / "sellers", root / "sellers")
        shutil.copy(REPO / "lapak.yaml", root / "lapak.yaml")
    else:
        shutil.copytree(SITES / site, root)
    fast = _build(root, tmp_path / "fast", plain=False)
    shutil.rmtree(root / ".lapak-cache", ignore_errors=True)
    plain = _build(root, tmp_path / "plain", plain=True)
    assert sorted(fast) == sorted(plain)
    different = [name for name in fast if fast[name] != plain[name]]
    assert different == []


@pytest.fixture
def fresh_switch():
    speedups.enabled.cache_clear()
    speedups.environment_class.cache_clear()
    yield
    speedups.enabled.cache_clear()
    speedups.environment_class.cache_clear()


def _installed(monkeypatch, versions):
    monkeypatch.setattr(jinja2, "__version__", versions["Jinja2"])
    monkeypatch.setattr(speedups, "_installed_version", lambda module: versions["MarkupSafe"])


def test_the_installed_markupsafe_version_is_read():
    from importlib.metadata import version

    import markupsafe

    assert speedups._installed_version(markupsafe) == version("MarkupSafe")


def test_speedups_are_on_for_the_versions_they_were_proven_on(fresh_switch, monkeypatch):
    monkeypatch.delenv("LAPAK_PLAIN_JINJA", raising=False)
    _installed(monkeypatch, {"Jinja2": "3.1.6", "MarkupSafe": "3.0.2"})
    assert speedups.enabled()
    assert speedups.environment_class() is not jinja2.Environment
    assert issubclass(speedups.environment_class(), jinja2.Environment)


@pytest.mark.parametrize(
    "versions",
    [
        {"Jinja2": "3.2.0", "MarkupSafe": "3.0.2"},
        {"Jinja2": "3.1.6", "MarkupSafe": "3.1.0"},
        {"Jinja2": "4.0.0", "MarkupSafe": "4.0.0"},
    ],
)
def test_an_unproven_version_gets_plain_jinja(fresh_switch, monkeypatch, versions):
    monkeypatch.delenv("LAPAK_PLAIN_JINJA", raising=False)
    _installed(monkeypatch, versions)
    assert not speedups.enabled()
    assert speedups.environment_class() is jinja2.Environment


def test_the_switch_can_be_turned_off_by_hand(fresh_switch, monkeypatch):
    monkeypatch.setenv("LAPAK_PLAIN_JINJA", "1")
    assert not speedups.enabled()
