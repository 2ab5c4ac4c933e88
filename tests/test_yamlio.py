"""generator/yamlio.py: every value stays text, lines are remembered, bad YAML is a plain error."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from generator.core.errors import ContentError
from generator.load.yamlio import MAX_ALIASES, MAX_DEPTH, LineDict, LineList, parse_yaml


def error_of(text: str, path: str = "sellers/a/products/kain.yaml"):
    with pytest.raises(ContentError) as info:
        parse_yaml(text, path)
    return info.value.problem


# --- every scalar is a string ---------------------------------------------------------------


@pytest.mark.parametrize(
    "written, value",
    [
        ("350.000", "350.000"),  # YAML 1.1: the float 350.0
        ("350000", "350000"),
        ("08:30", "08:30"),  # YAML 1.1: sexagesimal 510
        ("no", "no"),  # YAML 1.1: False
        ("yes", "yes"),
        ("Off", "Off"),
        ("true", "true"),
        ("1e3", "1e3"),
        ("007", "007"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        ("2024-01-01", "2024-01-01"),  # YAML 1.1: a date
        ("~", "~"),
        ("null", "null"),
        ("'350.000'", "350.000"),
        ('"yes"', "yes"),
        ("!!int 5", "5"),
        ("!!binary aGk=", "aGk="),
        ("!!python/object:os.system x", "x"),  # unknown tags are plain text, never objects
    ],
)
def test_every_scalar_stays_a_string(written, value):
    data = parse_yaml(f"nilai: {written}\n", "p.yaml")
    assert data["nilai"] == value
    assert type(data["nilai"]) is str


def test_keys_are_strings_too():
    data = parse_yaml("1: a\ntrue: b\n2024-01-01: c\n", "p.yaml")
    assert list(data) == ["1", "true", "2024-01-01"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("harga:\nnama: x\n", {"harga": None, "nama": "x"}),
        ("harga: \n", {"harga": None}),
        ("harga: ''\n", {"harga": ""}),  # written empty on purpose stays an empty text
        ("foto:\n  -\n  - a.jpg\n", {"foto": [None, "a.jpg"]}),
        ("v: {a: }\n", {"v": {"a": None}}),
    ],
)
def test_empty_value_is_none(text, expected):
    assert parse_yaml(text, "p.yaml") == expected


@pytest.mark.parametrize("text", ["", "\n\n", "# hanya komentar\n"])
def test_empty_document_is_none(text):
    assert parse_yaml(text, "p.yaml") is None


def test_containers_are_line_keeping_types():
    data = parse_yaml("a:\n  b: [x]\nc:\n  - {d: e}\n", "p.yaml")
    assert isinstance(data, LineDict) and isinstance(data, dict)
    assert isinstance(data["a"], LineDict)
    assert isinstance(data["a"]["b"], LineList) and isinstance(data["a"]["b"], list)
    assert isinstance(data["c"][0], LineDict)


# --- line numbers -------------------------------------------------------------------------


def test_line_of_each_key_is_one_based():
    data = parse_yaml("# komentar\nnama: Kain\n\nharga: 350.000\nvarian:\n  - S\n", "p.yaml")
    assert data.line == 2
    assert data.line_of("nama") == 2
    assert data.line_of("harga") == 4
    assert data.line_of("varian") == 5


def test_line_of_unknown_key_is_the_mapping_line():
    data = parse_yaml("\n\nnama: a\n", "p.yaml")
    assert data.line_of("tidak_ada") == 3


def test_line_of_each_list_item():
    data = parse_yaml("foto:\n  - a.jpg\n\n  - b.jpg\n  -\n    file: c.jpg\n    alt: C\n", "p.yaml")
    photos = data["foto"]
    assert photos.line == 2
    assert [photos.line_of(i) for i in range(3)] == [2, 4, 6]
    assert photos.line_of(99) == photos.line
    assert photos[2].line_of("alt") == 7


def test_lines_of_a_top_level_list_of_products():
    data = parse_yaml("- nama: A\n  harga: 1\n- nama: B\n  harga: 2\n", "daftar.yaml")
    assert [data.line_of(i) for i in range(2)] == [1, 3]
    assert data[1].line_of("harga") == 4


def test_lines_of_a_flow_list():
    data = parse_yaml("tag: [a,\n  b, c]\n", "p.yaml")
    assert [data["tag"].line_of(i) for i in range(3)] == [1, 2, 2]


def test_duplicate_keys_are_recorded_and_the_last_value_wins():
    data = parse_yaml("nama: A\nharga: 1\nnama: B\nnama: C\n", "p.yaml")
    assert data["nama"] == "C"
    assert data.duplicates == [("nama", 3), ("nama", 4)]
    assert data.line_of("nama") == 4


def test_no_duplicates_recorded_for_distinct_keys():
    assert parse_yaml("a: 1\nb: 2\n", "p.yaml").duplicates == []


# --- syntax errors become ContentError at the right line -------------------------------------


@pytest.mark.parametrize(
    "text, line, code",
    [
        ("nama: Kain: Indigo\nharga: 5\n", 1, "yaml.colon"),
        ("harga: 5\nnama: Kain: Indigo\n", 2, "yaml.colon"),
        ("nama: a\n  harga: 5\n", 2, "yaml.indent"),  # a value, then a deeper line: the indentation
        ("nama Batik Ani\nwhatsapp: 0812\n", 1, "yaml.missing_colon"),  # the line above lacks its colon
        ("# toko\nnama Batik\n\nwhatsapp: 0812\n", 2, "yaml.missing_colon"),
        ("nama: a\nfoto:\n  - a.jpg\n - b.jpg\n", 4, "yaml.indent"),
        ("nama: x\nharga 5000\n", 3, "yaml.missing_colon"),
        ('nama: "Kain\nharga: 5\n', 3, "yaml.quote"),
        ("nama: 'Kain\nharga: 5\n", 3, "yaml.quote"),
        ("nama: @kain\n", 1, "yaml.bad_start"),
        ("harga: 5\nnama: `kain`\n", 2, "yaml.bad_start"),
        ("nama: %x\n", 1, "yaml.bad_start"),
        ("a: [1, 2\n", 2, "yaml.syntax"),
        ("a: 1\n---\nb: 2\n", 2, "yaml.many_documents"),  # a file of one document
    ],
)
def test_syntax_error_becomes_content_error_with_line_and_code(text, line, code):
    problem = error_of(text)
    assert problem.path == "sellers/a/products/kain.yaml"
    assert (problem.line, problem.code) == (line, code)
    assert problem.is_error


def test_syntax_error_message_says_what_to_write_instead():
    problem = error_of("nama: Kain: Indigo\n")
    assert "tanda kutip" in problem.message("id")
    assert "quotes" in problem.message("en")
    assert problem.format("en").startswith("sellers/a/products/kain.yaml:1: a colon")


def test_undefined_alias_is_a_content_error():
    assert error_of("a: *nope\n").line == 1


# --- limits: billion laughs and deep nesting ------------------------------------------------


def laughs(levels: int, width: int = 10, key_alias: bool = False) -> str:
    lines = ["a: &a [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * width) + "]")
    last = chr(96 + levels)
    lines.append(f"? *{last}\n: x" if key_alias else f"nama: *{last}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        laughs(9),  # the classic: 80 aliases, under the alias count
        laughs(4, width=40),
        "a: &a x\n" + "".join(f"k{i}: *a\n" for i in range(MAX_ALIASES + 1)),
    ],
)
def test_alias_bombs_are_refused_quickly(text):
    start = time.perf_counter()
    problem = error_of(text)
    assert problem.code == "yaml.too_many_aliases"
    assert problem.line is not None and problem.line >= 2
    assert time.perf_counter() - start < 2


def test_alias_bomb_as_a_key_is_refused_in_a_separate_process():
    # An expanded key is turned into text, which would never finish: run it where a
    # regression times out instead of hanging the test run.
    script = (
        "import sys\n"
        "from generator.core.errors import ContentError\n"
        "from generator.load.yamlio import parse_yaml\n"
        "try:\n"
        "    parse_yaml(sys.stdin.read(), 'p.yaml')\n"
        "except ContentError as e:\n"
        "    print(e.problem.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=laughs(9, key_alias=True), capture_output=True, text=True, timeout=20
    )
    assert done.stdout.strip() == "yaml.too_many_aliases", done.stderr


def test_a_few_aliases_are_fine():
    data = parse_yaml("ukuran: &u [S, M, L]\nwarna: *u\n", "p.yaml")
    assert data["warna"] == ["S", "M", "L"]


def nested_blocks(depth: int, indent: str = "  ") -> str:
    return "".join(indent * i + f"k{i}:\n" for i in range(depth)) + indent * depth + "x\n"


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n",
        "a: " + "[" * 100_000 + "\n",
        "a: " + "{b: " * (MAX_DEPTH + 5) + "}" * (MAX_DEPTH + 5) + "\n",
        nested_blocks(MAX_DEPTH + 5),
        nested_blocks(2000),
        "- " * (MAX_DEPTH + 5) + "x\n",  # compact nested sequences need no indentation
        "- " * 500 + "x\n",  # deep enough to exhaust Python's recursion limit
        "- " * 100_000 + "x\n",
    ],
)
def test_deep_nesting_is_refused_quickly(text):
    start = time.perf_counter()
    problem = error_of(text)
    assert problem.code == "yaml.too_deep"
    assert problem.line is not None
    assert time.perf_counter() - start < 2


def test_ordinary_nesting_is_fine():
    data = parse_yaml(nested_blocks(10), "p.yaml")
    for i in range(9):
        data = data[f"k{i}"]
    assert data == {"k9": "x"}


# --- read as YAML reads it, or refused with a message that says what to write ------------------


def test_a_reused_anchor_name_names_the_newer_value():  # YAML 1.2 example 7.1
    data = parse_yaml("a: &x Kain\nb: *x\nc: &x Batik\nd: *x\n", "p.yaml")
    assert data == {"a": "Kain", "b": "Kain", "c": "Batik", "d": "Batik"}
    assert data.duplicates == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ukuran: !!set {S, M, L}\n", {"ukuran": ["S", "M", "L"]}),
        ("ukuran: !!set\n  ? S\n  ? M\n", {"ukuran": ["S", "M"]}),
        ("harga: !!omap [S: 10rb, M: 12rb]\n", {"harga": {"S": "10rb", "M": "12rb"}}),
        ("harga: !!pairs [S: 10rb, S: 12rb]\n", {"harga": [{"S": "10rb"}, {"S": "12rb"}]}),
        ("warna: !kain {aksen: merah}\n", {"warna": {"aksen": "merah"}}),
        ("foto: !daftar [a.jpg, b.jpg]\n", {"foto": ["a.jpg", "b.jpg"]}),
    ],
)
def test_tags_on_lists_and_mappings_are_read_as_yaml_reads_them(text, expected):
    data = parse_yaml(text, "p.yaml")
    assert data == expected
    assert isinstance(data[next(iter(data))], (LineList, LineDict))


def test_an_omap_item_that_is_not_one_pair_is_a_yaml_error():
    problem = error_of("a: !!omap [x, y: 1]\n")
    assert (problem.line, problem.code) == (1, "yaml.syntax")


@pytest.mark.parametrize(
    "text, line",
    [
        ("nama: A\n[flow]: block\n", 2),
        ("nama: A\n? - S\n  - M\n: 10rb\n", 2),
        ("a: {[b]: c}\n", 1),
        ("{a: 1}: x\n", 1),
        ("varian:\n  - ? {S: 1}\n    : x\n", 2),
        ("ukuran: !!set {[S]}\n", 1),
    ],
)
def test_a_key_that_is_a_list_or_mapping_is_refused(text, line):
    problem = error_of(text)
    assert (problem.line, problem.code) == (line, "yaml.complex_key")
    assert "teks biasa" in problem.message("id") and "plain text" in problem.message("en")


@pytest.mark.parametrize(
    "text, line, code",
    [
        ('key: "value"# x\n', 1, "yaml.comment_space"),  # yaml-test-suite SU5Z
        ("nama: A\ntag: [a, b, c, ]#catatan\n", 2, "yaml.comment_space"),  # 9JBA
        ("tag: [a, b,#catatan\n  c]\n", 1, "yaml.comment_space"),  # CVW2
        ("nama: 'Kain'#1\n", 1, "yaml.comment_space"),
        ("deskripsi: ># catatan\n  teks\n", 1, "yaml.comment_space"),  # X4QW
        ("[-]\n", 1, "yaml.flow_dash"),  # YJV2
        ("a:\n  - [-, -]\n", 2, "yaml.flow_dash"),  # G5U8
        ("tag: {a: -}\n", 1, "yaml.flow_dash"),
        ("tag: [?besar, promo]\n", 1, "yaml.flow_question"),  # HM87
        ("{ ?foo: bar }\n", 1, "yaml.flow_question"),  # 652Z
        ("a: &an:chor value\n", 1, "yaml.anchor_name"),  # Y2GN
    ],
)
def test_yaml_that_libyaml_reads_past_is_refused(text, line, code):
    problem = error_of(text)
    assert (problem.line, problem.code) == (line, code)


@pytest.mark.parametrize(
    "text, value",
    [
        ("warna: merah#2\n", "merah#2"),  # inside a plain text, # is just a character
        ("kode: A-1 # catatan\n", "A-1"),
        ("tag: [a, -b, c-]\n", ["a", "-b", "c-"]),
        ("tag: [ukuran?besar, promo]\n", ["ukuran?besar", "promo"]),
        ("catatan: ?besar\n", "?besar"),
        ("tanya: apa?\n", "apa?"),
        ('a: "x#y" # c\n', "x#y"),
    ],
)
def test_the_same_characters_where_yaml_allows_them(text, value):
    data = parse_yaml(text, "p.yaml")
    assert data[next(iter(data))] == value


@pytest.mark.parametrize(
    "text, line",
    [
        ("nama: Toko\n---\nnama: Lain\n", 2),
        ("---\nnama: Toko\n---\nwhatsapp: 0812\n", 3),
        ("nama: Toko\n--- # kedua\n- a\n", 2),
    ],
)
def test_a_second_document_in_a_one_document_file_is_refused_at_its_marker(text, line):
    problem = error_of(text, "sellers/a/shop.yaml")
    assert (problem.line, problem.code) == (line, "yaml.many_documents")
    assert problem.format("id").startswith(f"sellers/a/shop.yaml:{line}: ")
    assert "---" in problem.message("id") and "---" in problem.message("en")


@pytest.mark.parametrize("text", ["nama: Toko\n---\n", "---\nnama: Toko\n...\n", "---\n---\nnama: Toko\n"])
def test_empty_documents_around_the_one_document_are_nothing(text):
    assert parse_yaml(text, "shop.yaml") == {"nama": "Toko"}
