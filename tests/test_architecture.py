"""Imports flow one way, from the bottom up: a stage package never imports one above it.

    core → load → photos → render → output → workers → build → (publish, scaffold, health)
         → report → serve → cli

`core` holds the models, problems, messages and small shared helpers; each stage its own
modules; the orchestration (`build`, `workers`) and the commands sit on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent
LAYERS = [
    "__init__",
    "core",
    "load",
    "photos",
    "render",
    "output",
    "workers",
    "build",
    "scaffold",
    "signup",
    "health",
    "report",
    "serve",
    "edit",
    "cli",
    "__main__",
]


def _layer(path: Path) -> str:
    """A module's layer: its stage package, or its own name for a module at the top."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> set[str]:
    """The layers a module imports from (absolute `generator.…` imports, or relative ones)."""
    found = set()
    here = path.relative_to(PACKAGE).with_suffix("").parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[:-1])[: len(here) - node.level]
            target = base + (node.module.split(".") if node.module else [])
            found.add(target[0] if target else (node.names[0].name if node.module is None else "__init__"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
            parts = node.module.split(".")
            found.add(parts[1] if len(parts) > 1 else "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "generator":
                    found.add(parts[1] if len(parts) > 1 else "__init__")
    return {name if name in LAYERS else "__init__" for name in found}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_sits_in_a_known_layer():
    assert {_layer(p) for p in _modules()} <= set(LAYERS), {_layer(p) for p in _modules()} - set(LAYERS)


def test_the_folder_shows_the_pipeline():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert {"core", "load", "photos", "render", "output"} <= packages


def test_imports_only_point_down():
    for path in _modules():
        if path.name == "__init__.py" and path.parent == PACKAGE:
            continue
        level = LAYERS.index(_layer(path))
        for imported in _imports(path):
            assert LAYERS.index(imported) <= level, (
                f"{path.relative_to(PACKAGE)} imports {imported}, which sits above it"
            )


def test_only_the_writer_writes_output_files():
    """The caches (photos, loaded product files), new seller folders (scaffold) and what the
    editor saves are the only other writes, all through core/atomic.py or their own module."""
    allowed = {
        "core/atomic.py",
        "output/writer.py",
        "photos/images.py",
        "load/memo.py",
        "scaffold.py",
        "output/publish.py",
    }
    for path in _modules():
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in allowed or rel.startswith("edit/"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "write_bytes(" not in text and "write_text(" not in text, rel
