"""A bounded fuzz run of the loader and renderer (Hypothesis-driven; atheris needs a
libFuzzer toolchain, which CI does not have): arbitrary bytes and byte-level mutations of
real seller files go through `lapak check`'s whole pipeline, which may only answer with
Problems. The example budget is fixed so CI spends a few seconds on it; raise
LAPAK_FUZZ_EXAMPLES for a longer local run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from conftest import SITES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.core.errors import Problem

EXAMPLES = int(os.environ.get("LAPAK_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHOPS = [(SITES / f).read_bytes() for f in ("basic/sellers/toko-a/shop.yaml", "hostile/sellers/xss/shop.yaml")]
MARKDOWN = [
    (SITES / f).read_bytes()
    for f in ("basic/sellers/toko-a/products/kain-indigo.md", "hostile/sellers/xss/products/jahat.md")
]
YAML = [
    (SITES / f).read_bytes()
    for f in (
        "basic/sellers/toko-a/products/daftar.yaml",
        "basic/sellers/toko-a/products/selendang.yaml",
        "hostile/sellers/xss/products/daftar.yaml",
    )
]
NASTY = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"&a ",
    b"*a",
    b"<<: ",
    b"---\n",
    b"...\n",
    b"\t",
    b"\r",
    b"[",
    b"{",
    b"!!python/object:os.system ",
    b"!!binary ",
    b"%YAML 1.1\n",
    b"? ",
    b"- ",
    b": ",
    b"'",
    b'"',
    b"|\n",
    b">\n",
    "ꦏ\u202e\u2028".encode(),
    b"\xc3",
    b"\x85",
]


@st.composite
def mutated(draw, seeds: list[bytes]) -> bytes:
    """A real seller file with a few bytes inserted, deleted or replaced (sometimes none)."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 3))):
        pos = draw(st.integers(0, len(data)))
        insert = draw(st.sampled_from(NASTY) | st.binary(max_size=8))
        cut = draw(st.integers(0, 8))
        data[pos : pos + cut] = insert
    return bytes(data)


def files(seeds: list[bytes]):
    noise = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "replace")))
    return st.one_of(mutated(seeds), mutated(seeds), mutated(seeds), noise)


@FUZZ
@given(files(SHOPS), files(MARKDOWN), files(YAML), files(YAML))
def test_check_over_fuzzed_files_only_reports_problems(shop, md, one, listed):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "sellers/toko/products").mkdir(parents=True)
        (root / "sellers/toko/shop.yaml").write_bytes(shop)
        (root / "sellers/toko/products/satu.md").write_bytes(md)
        (root / "sellers/toko/products/dua.yaml").write_bytes(one)
        (root / "sellers/toko/products/daftar.yaml").write_bytes(listed)
        (root / "lapak.yaml").write_bytes(listed)
        result = build(root, write=False, jobs=1)
    for p in result.problems:
        assert isinstance(p, Problem) and "\n" not in p.format("id") and "\n" not in p.format("en")
