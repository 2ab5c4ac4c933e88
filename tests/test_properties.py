"""Properties (Hypothesis): the forgiving readers round-trip what Lapak itself prints and
never fail with anything but InvalidValue; the loader over generated YAML and Markdown
only ever answers with Problems."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.errors import Problem
from generator.core.money import format_money
from generator.load.loader import load_project
from generator.load.values import (
    ASK,
    MAX_PRICE,
    InvalidValue,
    PriceReading,
    parse_bool,
    parse_color,
    parse_instagram,
    parse_phone,
    parse_price,
    parse_stock,
    parse_url,
    read_price,
    slugify,
)

FAST = settings(max_examples=300, deadline=None)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
amounts = st.integers(min_value=0, max_value=MAX_PRICE - 1)
# Text made of what people type into price and phone fields, long enough to matter.
typed = st.text(alphabet="0123456789.,-+() rbjtkRpIDRidr/\u00a0٣", max_size=60)
any_text = st.one_of(st.text(max_size=80), typed)


@FAST
@given(amounts, st.sampled_from(["id", "en"]))
def test_a_price_lapak_prints_reads_back_as_the_same_amount(amount, lang):
    assert parse_price(format_money(amount, "IDR", lang)) == amount


@FAST
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["{n}", "Rp {g}", "Rp{g},-", "{g}", "IDR {n}"]))
def test_prices_as_sellers_write_them(amount, form):
    grouped = f"{amount:,}".replace(",", ".")
    assert parse_price(form.format(n=amount, g=grouped)) == amount


@FAST
@given(st.integers(min_value=1, max_value=999), st.sampled_from([("rb", 1000), (" ribu", 1000), ("jt", 10**6)]))
def test_prices_with_a_multiplier(number, unit):
    word, factor = unit
    assert parse_price(f"{number}{word}") == number * factor


@FAST
@given(any_text, st.sampled_from([0, 2]))
def test_price_parsing_never_fails_with_anything_but_invalid_value(text, digits):
    try:
        value = parse_price(text, digits)
    except InvalidValue as e:
        assert e.code.startswith("price.")
        return
    assert value == ASK or (isinstance(value, int) and 0 <= value < MAX_PRICE)


# Indonesian mobile numbers as libphonenumber knows them (08[1-35-9], 9 to 12 digits after the 0).
national = st.from_regex(r"8[1-35-9][0-9]{7,10}", fullmatch=True)


@FAST
@given(
    national,
    st.sampled_from(
        [
            "0{n}",
            "+62 {n}",
            "62{n}",
            "+62{n}",
            "0{a}-{b}-{c}",
            "(0{a}) {b} {c}",
            "+62 {a} {b} {c}",
            "https://wa.me/62{n}",
            "'0{n}",
            "WA: 0{a}-{b}-{c}",
            "tel:+62{n}",
            "\ufeff0{n}",
            "O{n}",
            "https://api.whatsapp.com/send?phone=62{n}",
        ]
    ),
)
def test_an_indonesian_mobile_number_in_any_usual_form_reads_back(number, form):
    a, b, c = number[:3], number[3:7], number[7:]
    assert parse_phone(form.format(n=number, a=a, b=b, c=c)) == "62" + number


@FAST
@given(any_text)
def test_phone_parsing_never_fails_with_anything_but_invalid_value(text):
    try:
        number = parse_phone(text)
    except InvalidValue as e:
        assert e.code.startswith("phone.")
        return
    assert number.isascii() and number.isdigit() and 8 <= len(number) <= 15
    assert parse_phone(number) == number  # normalised once, stable after


@FAST
@given(
    st.integers(min_value=1, max_value=10**9),
    st.sampled_from(["kg", "pcs", "lembar", "100 gram"]),
    st.sampled_from(["Rp {g}/{u}", "{n} per {u}", "Rp{g},- / {u}", "@{g}/{u}"]),
)
def test_a_per_unit_price_reads_back_with_its_unit(amount, unit, form):
    grouped = f"{amount:,}".replace(",", ".")
    assert read_price(form.format(n=amount, g=grouped, u=unit)) == PriceReading(amount, unit)


@FAST
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_juta_then_ribu_add_up(juta, ribu):
    assert parse_price(f"{juta}jt{ribu:03d}") == juta * 10**6 + ribu * 1000
    assert parse_price(f"{juta} juta {ribu} ribu") == juta * 10**6 + ribu * 1000


@FAST
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_a_bare_price_with_a_fraction_of_a_rupiah_is_never_rounded(whole, cents):
    text = f"{whole}.{cents:02d}" if cents % 10 else f"{whole}.{cents // 10}"
    try:
        value = parse_price(text)
    except InvalidValue as e:
        assert e.code in ("price.fraction", "price.not_number")
        return
    assert False, (text, value)


@FAST
@given(any_text)
def test_other_readers_never_fail_with_anything_but_invalid_value(text):
    for parse in (parse_stock, parse_bool, parse_color, parse_url, parse_instagram):
        try:
            value = parse(text)
        except InvalidValue:
            continue
        if parse is parse_color:
            assert re.fullmatch(r"#[0-9a-f]{3}|#[0-9a-f]{6}", value)
        if parse is parse_url:
            assert re.match(r"https?://", value, re.I) and not re.search(r"[\s<>\"'`]", value)
    assert re.fullmatch(r"[a-z0-9-]*", slugify(text))


KEYS = [
    "nama",
    "name",
    "harga",
    "price",
    "foto",
    "kategori",
    "varian",
    "stok",
    "harga_coret",
    "berat",
    "unggulan",
    "tag",
    "urutan",
    "deskripsi",
    "slug",
    "kode",
    "whatsapp",
    "logo",
    "warna",
    "tema",
    "bahasa",
    "pengiriman",
    "pesan_order",
    "instagram",
    "maps",
    "site_url",
    "<<",
    "x",
]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30), typed)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=12,
)
mappings = st.dictionaries(st.sampled_from(KEYS), values, max_size=8)


def _load(files: dict[str, bytes]) -> list[Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel, data in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        market, problems = load_project(root)
    for p in problems:
        assert isinstance(p, Problem)
        for lang in ("id", "en"):
            line = p.format(lang)
            assert "\n" not in line and "Traceback" not in line
    return problems


@SLOW
@given(mappings, mappings, st.lists(mappings, max_size=3), st.text(max_size=200))
def test_the_loader_over_generated_yaml_and_markdown_only_reports_problems(shop, product, listed, body):
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True).encode("utf-8")  # noqa: E731
    _load(
        {
            "sellers/toko/shop.yaml": dump({"nama": "Toko", "whatsapp": "0812 3456 7890", **shop}),
            "sellers/toko/products/satu.md": b"---\n" + dump(product) + b"---\n" + body.encode("utf-8"),
            "sellers/toko/products/dua.yaml": dump(product),
            "sellers/toko/products/daftar.yaml": dump(listed),
            "lapak.yaml": dump(shop),
        }
    )
