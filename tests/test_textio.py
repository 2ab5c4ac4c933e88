"""generator/textio.py: whatever bytes an editor saved become text, and tabbed YAML parses."""

from __future__ import annotations

import codecs
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.errors import ContentError
from generator.load.readers import parse_forgiving
from generator.load.textio import decode_text, untab_yaml
from generator.load.yamlio import parse_yaml

TEXT = "nama: Kain “Indigo” café – 5 €\nharga: 350.000\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # Python writes the BOM of its native order
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),  # Notepad on an older Windows
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("utf-16"),
        TEXT.replace("\n", "\r\n").encode("cp1252"),
        TEXT.replace("\n", "\r").encode("utf-8"),  # classic Mac
    ],
)
def test_every_encoding_and_line_ending_gives_the_same_text(data):
    assert decode_text(data) == TEXT


def test_bom_is_not_left_at_the_start_of_the_first_key():
    text = decode_text(codecs.BOM_UTF8 + b"nama: x\n")
    assert text.startswith("nama")
    assert parse_yaml(text, "shop.yaml") == {"nama": "x"}


def test_double_bom_from_two_editors_is_removed():
    assert decode_text(codecs.BOM_UTF8 * 2 + b"x") == "x"


@pytest.mark.parametrize(
    "data, text",
    [
        (b"a\r\nb\rc\n", "a\nb\nc\n"),
        (b"a\r\r\nb", "a\n\nb"),
        (b"\r\n\r\n", "\n\n"),
    ],
)
def test_windows_and_lone_cr_line_endings_become_newlines(data, text):
    assert decode_text(data) == text


@pytest.mark.parametrize(
    "data, text",
    [
        (b"caf\xe9", "café"),
        (b"\x93halo\x94", "\u201chalo\u201d"),  # curly quotes from Word
        (b"Rp 5\x80", "Rp 5€"),
        (b"1\x962", "1\u20132"),  # en dash
        (b"\x91ok\x92", "\u2018ok\u2019"),
    ],
)
def test_cp1252_bytes_are_read_as_cp1252(data, text):
    assert decode_text(data) == text


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_bytes_cp1252_leaves_undefined_fall_back_to_latin1(byte):
    assert decode_text(b"a" + bytes([byte]) + b"b") == "a" + chr(byte) + "b"


def test_one_undefined_byte_does_not_spoil_the_rest_of_a_cp1252_file():
    # Falling back to Latin-1 for the whole file would turn the quotes and the euro sign
    # into invisible control characters.
    assert decode_text(b"\x93halo\x94 \x81 \x80") == "\u201chalo\u201d \x81 €"


def test_nul_and_other_control_characters_are_removed_but_tab_and_newline_stay():
    assert decode_text(b"na\x00ma: x\x00\n\tk\x0c\x1b\x7fy\n") == "nama: x\n\tky\n"


def test_nul_bytes_of_utf16_read_without_bom_do_not_survive():
    text = decode_text("nama: x\n".encode("utf-16-le"))
    assert "\x00" not in text
    assert text == "nama: x\n"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        b"\xff\xfe\x00",
        b"\xff" * 7,
        bytes(range(256)),
        b"\xc3",
        b"\xed\xa0\x80",
    ],
)
def test_any_bytes_decode_without_raising(data):
    text = decode_text(data)
    assert isinstance(text, str)
    assert "\x00" not in text and "\r" not in text


# --- tabs ----------------------------------------------------------------------------------


def test_tab_indented_yaml_parses_after_untab():
    tabbed = "nama: Kain\nfoto:\n\t- a.jpg\n\t- b.jpg\nvarian:\n\t-\tnama: M\n\t\tharga: 5\n"
    assert parse_yaml(untab_yaml(tabbed), "p.yaml") == {
        "nama": "Kain",
        "foto": ["a.jpg", "b.jpg"],
        "varian": [{"nama": "M", "harga": "5"}],
    }


def test_tab_indented_mapping_parses_after_untab():
    tabbed = "warna:\n\taksen: '#a33'\n\tlatar: '#fff'\n"
    assert parse_yaml(untab_yaml(tabbed), "shop.yaml") == {"warna": {"aksen": "#a33", "latar": "#fff"}}


def test_untab_keeps_line_numbers():
    tabbed = "a: 1\n\tb\n\n\tc: 2\n"
    assert untab_yaml(tabbed).count("\n") == tabbed.count("\n")


@pytest.mark.parametrize(
    "text, out",
    [
        ("\tx", "  x"),
        ("\t\tx", "    x"),
        ("  \tx", "    x"),
        ("a:\tb", "a:\tb"),  # a tab between a key and its value is kept: YAML reads it as a space
        ("\t-\tx", "  - x"),  # a tab after a list item's dash indents what follows
        ("no tabs\n  here", "no tabs\n  here"),
    ],
)
def test_untab_indent_tabs_are_two_spaces_other_tabs_one(text, out):
    assert untab_yaml(text) == out


@pytest.mark.parametrize(
    "tabbed, expected",
    [
        ('nama: "Kain\tBatik"\nwarna:\n\taksen: merah\n', {"nama": "Kain\tBatik", "warna": {"aksen": "merah"}}),
        ("nama: 'a\tb'\nwarna:\n\taksen: merah\n", {"nama": "a\tb", "warna": {"aksen": "merah"}}),
        ("nama: Kain\tBatik\nwarna:\n\taksen: merah\n", {"nama": "Kain\tBatik", "warna": {"aksen": "merah"}}),
        ("a:\n\tb: 'x\n\ty\tz'\n\tc: 1\n", {"a": {"b": "x y\tz", "c": "1"}}),
        (
            "deskripsi: |\n  Ukuran:\n  \tS 10rb\n  \tM 12rb\nfoto:\n\t- a.jpg\n",
            {"deskripsi": "Ukuran:\n\tS 10rb\n\tM 12rb\n", "foto": ["a.jpg"]},
        ),
        (
            "a:\n\tdeskripsi: |\n\t\tbaris\n\t\t\tmenjorok\n\n\t\tlagi\n\tstok: habis\n",
            {"a": {"deskripsi": "baris\n\tmenjorok\n\nlagi\n", "stok": "habis"}},
        ),
        ("- deskripsi: >\n\t\tsatu\n\t\tdua\n\tharga: 5\n", [{"deskripsi": "satu dua\n", "harga": "5"}]),
        ("tag: [a,\n\tb]\nfoto:\n\t- x.jpg\n", {"tag": ["a", "b"], "foto": ["x.jpg"]}),
    ],
)
def test_tabs_inside_quotes_or_block_text_are_kept(tabbed, expected):
    assert parse_yaml(untab_yaml(tabbed), "p.yaml") == expected


_TAB_PIECES = st.sampled_from(
    [
        "nama",
        "a",
        "b",
        ": ",
        ":",
        "- ",
        "\n",
        "\n  ",
        "\n\t",
        "\t",
        " ",
        '"',
        "'",
        "x\ty",
        "[",
        "]",
        ", ",
        "|\n",
        ">-\n",
        "  ",
        "#c",
        " #c",
        "&a ",
        "!t ",
        "? ",
        "{",
        "}",
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_TAB_PIECES, max_size=14).map("".join))
def test_the_reader_changes_nothing_yaml_already_reads(text):
    """Tabs are forgiven where YAML refuses them; where YAML reads them, they mean what YAML says
    (`nama\n- \tnama` is one text over two lines, which no rewriting of its tab may change)."""
    try:
        as_written = parse_yaml(text, "p.yaml")
    except ContentError:
        return
    assert parse_forgiving(text, "p.yaml") == as_written


@settings(max_examples=2000, deadline=None)
@given(st.lists(_TAB_PIECES, max_size=14).map("".join))
def test_untab_keeps_what_yaml_reads_in_a_tab_indented_file(text):
    """A file YAML refuses only for its indenting tabs: untab makes those spaces and keeps the rest,
    so the reading equals the one with the tabs typed as spaces by hand, where the two agree."""
    try:
        as_written = parse_yaml(text, "p.yaml")
    except ContentError:
        return
    # `- <tab>` (or `? ? <tab>`: indicators one after another) opening a line inside a text over
    # lines: untab cannot tell such a tab from indentation; the reader never untabs a file YAML reads.
    if not re.search(r"\n[ \t]*(?:[-?:] +)*[-?:] *\t", text):
        assert parse_yaml(untab_yaml(text), "p.yaml") == as_written
