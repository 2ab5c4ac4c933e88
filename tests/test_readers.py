"""generator/readers.py: a seller's file split into YAML data and Markdown, as written."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.readers import read_product_file


def read_md(text: str):
    (entry,) = read_product_file(Path("kain.md"), "sellers/a/products/kain.md", text.encode("utf-8"))
    return entry


@pytest.mark.parametrize("marker", ["---", "...", "-----", "---  "])
def test_an_indented_marker_inside_a_block_does_not_end_the_front_matter(marker):
    entry = read_md(
        "---\n"
        "nama: Kain\n"
        "deskripsi: |\n"
        "  Bagian atas\n"
        f"  {marker}\n"
        "  Bagian bawah\n"
        "stok: habis\n"
        "---\n"
        "Cerita kain.\n"
    )
    assert entry.data["stok"] == "habis"
    assert entry.data["deskripsi"] == f"Bagian atas\n{marker}\nBagian bawah\n"
    assert entry.body == "Cerita kain.\n"
    assert entry.body_line == 9
    assert entry.data.line_of("stok") == 7


@pytest.mark.parametrize("closing", ["---", "---   ", "...", "-----"])
def test_a_marker_at_the_start_of_a_line_ends_the_front_matter(closing):
    entry = read_md(f"---\nnama: Kain\n{closing}\nstok: teks biasa\n")
    assert dict(entry.data) == {"nama": "Kain"}
    assert entry.body == "stok: teks biasa\n"
    assert entry.body_line == 4
