"""Lapak installed as users install it: the sdist and wheel built from a clean copy of the
repository, the wheel installed into a new virtualenv, and markets built with it from a
folder outside the repository, byte for byte as the editable install builds them.

The clean copy is the files git tracks (as they are in the working tree): a new file has to
be added to git before a wheel carries it, as in a release. pip may fetch the dependencies
from the package index; its cache makes that quick after the first run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import generator

pytestmark = pytest.mark.install

ROOT = Path(__file__).resolve().parent.parent


def _env(cache: Path) -> dict[str, str]:
    """The user's environment, with nothing pointing at the repository and its own cache folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "LAPAK_LANG", "VIRTUAL_ENV")}
    env["XDG_CACHE_HOME"] = str(cache)
    return env


def _run(args, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but Lapak's cache (its bookkeeping, not what is published)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".lapak-cache" not in p.relative_to(folder).parts
    }


def _same_tree(a: Path, b: Path) -> None:
    one, two = _files(a), _files(b)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    """(sdist, wheel, the new virtualenv's bin folder, a work folder outside the repository)."""
    tmp = tmp_path_factory.mktemp("install")
    source, dist, venv, work = tmp / "source", tmp / "dist", tmp / "venv", tmp / "work"
    tracked = _run(["git", "ls-files", "-z"], ROOT).stdout.split("\0")
    for rel in filter(None, tracked):
        if (ROOT / rel).is_file():  # not one deleted in the working tree
            (source / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, source / rel)
    # As a release is made: the sdist, then the wheel built from the unpacked sdist.
    _run([sys.executable, "-m", "build", "--outdir", dist, source], tmp)
    (sdist,), (wheel,) = dist.glob("*.tar.gz"), dist.glob("*.whl")
    _run([sys.executable, "-m", "venv", "--without-pip", venv], tmp)
    # This pip installs into the new virtualenv (--python): no pip of its own to set up.
    _run(
        [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", "--no-compile", wheel],
        tmp,
    )
    work.mkdir()
    return sdist, wheel, venv / "bin", work


def test_the_wheel_builds_markets_outside_the_repository_as_the_editable_install_does(install):
    _, wheel, bin_, work = install
    wheel_env, editable_env = _env(work / "wheel-cache"), _env(work / "editable-cache")
    where = _run(
        [
            bin_ / "python",
            "-c",
            "import generator, generator.render.themes as t, sys;"
            "print(generator.__file__, t.BUILTIN_THEMES, *sys.path, sep='\\n')",
        ],
        work,
        wheel_env,
    )
    package, themes, *path = where.stdout.splitlines()
    site = bin_.parent / "lib"
    assert Path(package).is_relative_to(site) and Path(themes).is_relative_to(site), where.stdout
    assert (Path(themes) / "base" / "static" / "cart.js").is_file()
    assert not any(Path(p).resolve().is_relative_to(ROOT) for p in path if p), path
    editable = _run([sys.executable, "-c", "import generator; print(generator.__file__)"], work, editable_env)
    assert Path(editable.stdout.strip()).is_relative_to(ROOT)  # what the wheel is compared with: this source
    lapak = {"wheel": ([bin_ / "lapak"], wheel_env), "editable": ([sys.executable, "-m", "generator"], editable_env)}

    for kind, (command, env) in lapak.items():
        example = work / kind / "example"
        example.mkdir(parents=True)
        shutil.copy2(ROOT / "lapak.yaml", example)
        shutil.copytree(ROOT / "sellers", example / "sellers")
        _run(command + ["build", example], work, env)
        market = work / kind / "new"
        _run(command + ["new", "--market", "Pasar Uji", market], work, env)
        _run(command + ["new", "Batik Bu Sri", market], work, env)
        built = _run(command + ["build", market], work, env)
        assert "sellers/batik-bu-sri/shop.yaml:8" in built.stderr  # the example number's warning
    wheel_out, editable_out = work / "wheel", work / "editable"
    assert len(_files(wheel_out / "example" / "output")) > 200
    assert (wheel_out / "example/output/assets/cart.js").is_file()
    assert (wheel_out / "new/output/batik-bu-sri/contoh-produk.html").is_file()
    _same_tree(wheel_out, editable_out)  # the outputs, and what `lapak new` wrote

    version = _run([bin_ / "lapak", "--version"], work, wheel_env).stdout
    metadata = _run(
        [bin_ / "python", "-c", "import importlib.metadata as m; print(m.version('lapak'))"], work, wheel_env
    ).stdout
    assert version == f"lapak {metadata}" == f"lapak {generator.__version__}\n"
    assert wheel.name == f"lapak-{generator.__version__}-py3-none-any.whl"

    workflow = wheel_out / "new" / ".github" / "workflows" / "lapak.yml"
    _run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", workflow], work)
    source = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    assert f'pip install "lapak @ git+{source}@v{generator.__version__}"' in workflow.read_text()
    assert "vars." not in workflow.read_text()


def test_twine_accepts_the_sdist_and_the_wheel(install):
    sdist, wheel, _, work = install
    done = _run([sys.executable, "-m", "twine", "check", "--strict", sdist, wheel], work)
    assert done.stdout.count("PASSED") == 2


def test_the_sdist_carries_the_themes_the_example_market_and_the_changelog(install):
    import tarfile

    sdist = install[0]
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    themes = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "themes").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert themes <= names
    assert {"CHANGELOG.md", "README.md", "lapak.yaml", "sellers/batik-malon/shop.yaml", ".ci/run"} <= names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
