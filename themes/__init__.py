"""Lapak's built-in themes. Installed as the package `generator.builtin_themes` (pyproject.toml
maps this folder there), so Lapak finds them through `importlib.resources` wherever it is installed."""
