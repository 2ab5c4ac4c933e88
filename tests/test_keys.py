"""generator/keys.py: keys written in Indonesian or English map to one canonical name."""

from __future__ import annotations

import pytest

from generator.core.errors import WARNING
from generator.load.keys import (
    COLOR_KEYS,
    MARKET_KEYS,
    PHOTO_KEYS,
    PRODUCT_KEYS,
    SHOP_KEYS,
    VARIANT_KEYS,
    canonical_keys,
)
from generator.load.yamlio import parse_yaml

PATH = "sellers/batik-malon/products/kain.yaml"


def canon(text: str, schema=PRODUCT_KEYS):
    return canonical_keys(parse_yaml(text, PATH), schema, PATH)


@pytest.mark.parametrize(
    "key, canonical",
    [
        ("nama", "name"),
        ("name", "name"),
        ("judul", "name"),
        ("harga", "price"),
        ("price", "price"),
        ("foto", "photos"),
        ("gambar", "photos"),
        ("photos", "photos"),
        ("kategori", "category"),
        ("varian", "variants"),
        ("stok", "stock"),
        ("harga_coret", "old_price"),
        ("berat", "weight"),
        ("deskripsi", "description"),
        ("unggulan", "featured"),
        ("urutan", "order"),
        ("tag", "tags"),
        # the way people actually type keys
        ("Nama", "name"),
        ("HARGA", "price"),
        ("harga coret", "old_price"),
        ("Harga-Coret", "old_price"),
        ("  harga  ", "price"),
    ],
)
def test_product_key_aliases(key, canonical):
    values, problems = canon(f"{key}: x\n")
    assert values == {canonical: ("x", 1)}
    assert problems == []


@pytest.mark.parametrize(
    "key, canonical",
    [
        ("nama", "name"),
        ("nama toko", "name"),
        ("wa", "whatsapp"),
        ("No WA", "whatsapp"),
        ("nomor_whatsapp", "whatsapp"),
        ("kota", "city"),
        ("alamat", "address"),
        ("tema", "theme"),
        ("bahasa", "language"),
        ("mata_uang", "currency"),
        ("warna", "colors"),
        ("pembayaran", "payment"),
        ("pengiriman", "delivery"),
        ("ongkir", "delivery"),
        ("ig", "instagram"),
        ("Jam Buka", "hours"),
        ("tentang", "about"),
    ],
)
def test_shop_key_aliases(key, canonical):
    values, problems = canon(f"{key}: x\n", SHOP_KEYS)
    assert values == {canonical: ("x", 1)}
    assert problems == []


@pytest.mark.parametrize(
    "schema, key, canonical",
    [
        (VARIANT_KEYS, "pilihan", "name"),
        (VARIANT_KEYS, "harga", "price"),
        (PHOTO_KEYS, "berkas", "file"),
        (PHOTO_KEYS, "keterangan", "alt"),
        (MARKET_KEYS, "nama_pasar", "name"),
        (MARKET_KEYS, "tentang", "intro"),
        (COLOR_KEYS, "aksen", "accent"),
        (COLOR_KEYS, "latar_belakang", "background"),
        (COLOR_KEYS, "teks", "text"),
    ],
)
def test_nested_schema_aliases(schema, key, canonical):
    values, problems = canon(f"{key}: x\n", schema)
    assert values == {canonical: ("x", 1)}
    assert problems == []


@pytest.mark.parametrize("schema", [SHOP_KEYS, PRODUCT_KEYS, VARIANT_KEYS, PHOTO_KEYS, MARKET_KEYS, COLOR_KEYS])
def test_no_alias_means_two_things_in_one_schema(schema):
    seen: dict[str, str] = {}
    for canonical, aliases in schema.items():
        for alias in [canonical, *aliases]:
            assert seen.setdefault(alias, canonical) == canonical, alias


def test_values_keep_their_lines():
    values, _ = canon("nama: Kain\n\nharga: 350.000\nfoto:\n  - a.jpg\n")
    assert values["name"] == ("Kain", 1)
    assert values["price"] == ("350.000", 3)
    assert values["photos"][1] == 4
    assert values["photos"][0] == ["a.jpg"]


@pytest.mark.parametrize(
    "key, hint",
    [
        ("hrga", "harga"),
        ("nmaa", "nama"),
        ("kategor", "kategori"),
        ("stock_", "stock"),
    ],
)
def test_unknown_key_warns_with_did_you_mean(key, hint):
    values, problems = canon(f"nama: Kain\n{key}: 5\n")
    assert values == {"name": ("Kain", 1)}
    [p] = problems
    assert (p.path, p.line, p.code, p.severity) == (PATH, 2, "key.unknown_hint", WARNING)
    assert dict(p.params) == {"key": key, "hint": hint}
    assert f'"{hint}"' in p.message("id")


def test_unknown_key_without_a_near_name_lists_the_known_fields():
    _, problems = canon("zzzqqq: 1\n")
    [p] = problems
    assert (p.line, p.code, p.severity) == (1, "key.unknown", WARNING)
    params = dict(p.params)
    assert params["key"] == "zzzqqq"
    assert set(params["known"].split(", ")) == set(PRODUCT_KEYS)


@pytest.mark.parametrize(
    "text, canonical, kept, second, line, first",
    [
        ("nama: A\nname: B\n", "name", "A", "name", 2, "nama"),
        ("name: A\nnama: B\n", "name", "A", "nama", 2, "name"),
        ("harga: 1\nharga_coret: 2\nprice: 3\n", "price", "1", "price", 3, "harga"),
        ("judul: A\n\nNama: B\n", "name", "A", "Nama", 3, "judul"),
    ],
)
def test_field_written_twice_under_two_aliases_keeps_the_first_and_warns(text, canonical, kept, second, line, first):
    values, problems = canon(text)
    assert values[canonical][0] == kept
    [p] = problems
    assert (p.line, p.code, p.severity) == (line, "key.twice", WARNING)
    assert dict(p.params) == {"key": second, "first": first}
    # the sentence names both spellings the seller wrote, not "name" twice
    assert f'"{second}"' in p.message("en") and f'"{first}"' in p.message("en")


def test_same_key_written_twice_is_a_duplicate_warning():
    values, problems = canon("nama: A\nharga: 1\nnama: B\n")
    assert values["name"] == ("B", 3)  # the YAML reader keeps the last one, and says so
    [p] = problems
    assert (p.line, p.code, p.severity) == (3, "key.duplicate", WARNING)
    assert dict(p.params) == {"key": "nama"}
    assert "terakhir" in p.message("id")


def test_every_name_in_the_alias_tables_is_written_clean():
    """canonical_keys looks a key up as written before cleaning it: the same answer only
    while every name in the tables is already in its cleaned form."""
    from generator.load import keys

    for table in keys._TABLES.values():
        assert all(keys._clean_key(name) == name for name in table), [
            name for name in table if keys._clean_key(name) != name
        ]
