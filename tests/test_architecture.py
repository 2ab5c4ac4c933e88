"""Imports flow one way, from the bottom up (a module never imports one above it)."""
from __future__ import annotations

import ast
from pathlib import Path

import generator

LAYERS = [
    "__init__", "messages", "errors", "values", "textio", "yamlio", "keys", "models", "money", "fields", "markup", "memo", "speedups",
    "photos", "readers", "products", "loader", "themes", "whatsapp", "imagemath", "imagecodec", "images",
    "render", "writer", "incremental", "build", "publish", "scaffold", "health", "serve", "edit", "cli", "__main__",
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add("__init__")  # `from . import __version__`: the package itself, the bottom
    return found


def test_every_module_has_a_layer():
    modules = {p.stem for p in Path(generator.__file__).parent.glob("*.py")} - {"__init__"}
    assert modules <= set(LAYERS), modules - set(LAYERS)


def test_imports_only_point_down():
    package = Path(generator.__file__).parent
    for path in sorted(package.glob("*.py")):
        if path.stem == "__init__":
            continue
        level = LAYERS.index(path.stem)
        for imported in _imports(path):
            assert LAYERS.index(imported) < level, f"{path.stem} imports {imported}, which sits above it"


def test_only_the_writer_writes_output_files():
    """The caches (photos in images, loaded product files in memo) and new seller folders
    (scaffold) are the only other writes."""
    package = Path(generator.__file__).parent
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.stem not in ("writer", "images", "memo", "scaffold", "publish"):
            assert "write_bytes(" not in text and "write_text(" not in text, path.stem
