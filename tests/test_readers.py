"""generator/readers.py: a seller's file split into YAML data and Markdown, as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import ContentError
from generator.load.readers import read_product_file


def read_md(text: str):
    (entry,) = read_product_file(Path("kain.md"), "sellers/a/products/kain.md", text.encode("utf-8"))
    return entry


@pytest.mark.parametrize("marker", ["---", "...", "-----", "---  "])
def test_an_indented_marker_inside_a_block_does_not_end_the_front_matter(marker):
    entry = read_md(
        f"---\nnama: Kain\ndeskripsi: |\n  Bagian atas\n  {marker}\n  Bagian bawah\nstok: habis\n---\nCerita kain.\n"
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


def read_yaml(text: str):
    return read_product_file(Path("daftar.yaml"), "sellers/a/products/daftar.yaml", text.encode("utf-8"))


def test_documents_of_a_product_file_are_products():
    entries = read_yaml("---\nnama: Kain\nharga: 5\n---\nnama: Batik\nharga: 6\n---\n- nama: Tas\n")
    assert [e.data["nama"] for e in entries] == ["Kain", "Batik", "Tas"]
    assert all(e.in_list for e in entries)
    assert [e.data.line_of("nama") for e in entries] == [2, 5, 8]


def test_one_document_between_markers_is_one_product():
    (entry,) = read_yaml("---\nnama: Kain\nharga: 5\n...\n")
    assert entry.data == {"nama": "Kain", "harga": "5"} and not entry.in_list


def test_a_document_that_is_not_a_product_is_refused_at_its_line():
    with pytest.raises(ContentError) as info:
        read_yaml("nama: Kain\n---\n- a.jpg\n")
    assert (info.value.problem.line, info.value.problem.code) == (3, "product.list_item")


@pytest.mark.parametrize("name", ["Kain Batik", "Kain & Batik", "Kain Batik  # Batik & Tenun"])
def test_an_ampersand_in_a_name_or_comment_changes_nothing_else(name):
    entry = read_md(f"---\nnama: {name}\ntag: [ukuran?besar, promo]\nharga: 5\n---\n")
    assert entry.data["tag"] == ["ukuran?besar", "promo"]
    assert entry.data["nama"] == name.split("  #")[0]


def test_a_tab_inside_quotes_is_kept_in_a_tab_indented_file():
    entry = read_md('---\nnama: "Kain\tBatik"\nvarian:\n\t- nama: S\n\t  harga: 5\n---\n')
    assert entry.data["nama"] == "Kain\tBatik"
    assert entry.data["varian"] == [{"nama": "S", "harga": "5"}]
