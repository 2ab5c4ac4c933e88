"""Lapak's YAML reader on cases of the official yaml-test-suite (yaml-suite/cases.json, derived by
yaml-suite/derive.py; each case keeps its suite ID).

Each case is read as a product `.yaml` file is (bytes decoded, tabs that indent forgiven, every
document parsed). A valid case gives the data the suite expects — every scalar as text, an empty
plain scalar as None, as Lapak keeps them — or is refused with a Lapak message at a line; never a
traceback, never other data. Every case the suite marks `fail` is refused, except the few where
only a tab used as indentation is wrong, which Lapak forgives by design. The quick paths and the
guarded path read every case alike.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml

from generator.core.errors import ContentError
from generator.load import yamlio
from generator.load.readers import parse_forgiving
from generator.load.textio import decode_text, untab_yaml
from generator.load.yamlio import LineDict, LineList

SUITE = json.loads((Path(__file__).parent / "yaml-suite" / "cases.json").read_text(encoding="utf-8"))
CASES = {case["id"]: case for case in SUITE["cases"]}
VALID = [c for c in CASES if not CASES[c]["fail"]]
INVALID = [c for c in CASES if CASES[c]["fail"] and not CASES[c]["forgiven"]]

# Valid YAML that Lapak refuses, with a message at the line, rather than reading it another way.
REFUSED = {
    # a list or mapping used as a key: a field name must be text (yaml.complex_key)
    "4FJ6",
    "6BFJ",
    "LX3P",
    "M5DY",
    # `?word` inside [ ] or { }: libyaml reads YAML 1.1's meaning (yaml.flow_question)
    "652Z",
    "HM87-01",
    # an anchor name holding `:`: libyaml cuts it there (yaml.anchor_name)
    "Y2GN",
    # YAML 1.2 that libyaml's grammar does not read: refused at the line where it stops
    "2JQS",
    "4ABK",
    "4MUZ-00",
    "6M2F",
    "7Z25",
    "96NN-00",
    "96NN-01",
    "CFD4",
    "DK3J",
    "HWV9",
    "Y79Y-001",
}
# Refused by YAML only for a tab that indents, which Lapak forgives: read as if spaces were typed.
FORGIVEN = {
    "4EJS": [{"a": {"b": {"c": "value"}}}],
    "Y79Y-000": [{"foo": "", "bar": "1"}],
    "Y79Y-004": [[[None]]],
    "Y79Y-005": [[[None]]],
}


def read(text: str, forgive_tabs: bool = True) -> list:
    """The documents of a text, as read_product_file reads a `.yaml` file's bytes."""
    text, rel = decode_text(text.encode("utf-8")), "sellers/a/products/x.yaml"
    if forgive_tabs:
        return parse_forgiving(text, rel, yamlio.parse_yaml_documents)
    return yamlio.parse_yaml_documents(text, rel)


def plain(data):
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data


# --- the suite's expectations, in Lapak's terms ----------------------------------------------


class ComplexKey(Exception):
    pass


_ESCAPES = {"\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\r": "\r", "\\b": "\b", "\\0": "\0", "\\/": "/"}
_SET, _OMAP, _NULL = "tag:yaml.org,2002:set", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:null"


def tree_documents(tree: str) -> list:
    """The suite's event tree (+MAP, =VAL :text, =ALI *a …) as the data Lapak keeps: texts, None for
    an empty plain scalar or !!null, lists and dicts (a !!set as the list of its members)."""
    documents, stack, anchors = [], [], {}
    no_key = object()

    def add(value):
        if not stack:
            documents.append(value)
        elif stack[-1][0] == "SEQ":
            stack[-1][1].append(value)
        elif stack[-1][2] is no_key:
            stack[-1][2] = value
        else:
            stack[-1][1].append((stack[-1][2], value))
            stack[-1][2] = no_key

    for line in tree.strip("\n").split("\n"):
        line = line.lstrip(" ")
        if line[1:4] in ("STR", "DOC"):
            continue
        m = re.match(r"([+=-])(MAP|SEQ|VAL|ALI)(?: \{\}| \[\])?((?: &\S+| <[^>]*>)*)(?: (.*))?$", line)
        sign, kind, props, rest = m.groups()
        anchor = re.search(r"&(\S+)", props or "")
        tag = re.search(r"<([^>]*)>", props or "")
        anchor, tag = anchor and anchor.group(1), tag and tag.group(1)
        if kind == "ALI":
            add(anchors[rest[1:]])
            continue
        if kind == "VAL":
            text = re.sub(r"\\[\\ntrb0/]", lambda e: _ESCAPES[e.group()], rest[1:])
            value = None if tag == _NULL or (rest[0] == ":" and not text and tag is None) else text
        elif sign == "+":
            stack.append([kind, [], no_key, tag, anchor])
            continue
        else:
            kind, items, _, tag, anchor = stack.pop()
            if kind == "SEQ":
                value = _omap(items) if tag == _OMAP else items
            elif tag == _SET:
                value = [_key(k) for k, _ in items]
            else:
                value = {}
                for k, v in items:
                    value[_key(k)] = v
        if anchor:
            anchors[anchor] = value
        add(value)
    return documents


def _key(key):
    if isinstance(key, (list, dict)):
        raise ComplexKey
    return "" if key is None else key


def _omap(pairs: list) -> dict:
    out = {}
    for pair in pairs:
        out.update(pair)
    return out


def json_documents(text: str) -> list:
    decoder, documents, i = json.JSONDecoder(), [], 0
    while text[i:].strip():
        value, i = decoder.raw_decode(text, i + len(text[i:]) - len(text[i:].lstrip()))
        documents.append(value)
    return documents


def same_as_json(lapak, expected) -> bool:
    """Lapak's texts against the suite's JSON, whose scalars YAML's core schema typed."""
    if isinstance(expected, dict):
        return (
            isinstance(lapak, dict)
            and list(lapak) == list(expected)
            and all(same_as_json(lapak[k], v) for k, v in expected.items())
        )
    if isinstance(expected, list):
        return (
            isinstance(lapak, list)
            and len(lapak) == len(expected)
            and all(same_as_json(a, b) for a, b in zip(lapak, expected))
        )
    if expected is None:
        return lapak is None or lapak in ("null", "Null", "NULL", "~")
    if isinstance(expected, bool):
        return isinstance(lapak, str) and lapak.lower() == str(expected).lower()
    if isinstance(expected, (int, float)):
        try:
            number = (
                int(lapak, 0)
                if re.fullmatch(r"[-+]?(0o?[0-7]+|0x[0-9a-fA-F]+|\d+)", lapak)
                else float(lapak.replace(".inf", "inf").replace(".nan", "nan"))
            )
        except (TypeError, ValueError):
            return False
        return number == expected or (math.isnan(number) and math.isnan(expected))
    return lapak == expected


# --- the tests -----------------------------------------------------------------------------


def test_the_case_lists_name_cases_of_the_file():
    assert set(VALID) >= REFUSED and set(FORGIVEN) == {c for c in CASES if CASES[c]["forgiven"]}
    assert len(VALID) - len(REFUSED) >= 40 and len(INVALID) >= 25


@pytest.mark.parametrize("case_id", VALID)
def test_a_valid_case_reads_as_the_suite_says_or_is_refused_at_a_line(case_id):
    case = CASES[case_id]
    try:
        expected = tree_documents(case["tree"])
    except ComplexKey:
        expected = None
    try:
        documents = plain(read(case["yaml"]))
    except ContentError as e:
        assert case_id in REFUSED, f"{case_id} refused: {e.problem.format('en')}"
        assert e.problem.line is not None and e.problem.message("id") and e.problem.message("en")
        if expected is None:
            assert e.problem.code == "yaml.complex_key"
        return
    assert case_id not in REFUSED, f"{case_id} is read now: take it off REFUSED"
    assert documents == expected
    if case["json"] is not None and _SET not in case["tree"] and _OMAP not in case["tree"]:
        # (JSON has no sets or ordered maps: the suite writes those as if untagged)
        assert same_as_json(documents, json_documents(case["json"]))


@pytest.mark.parametrize("case_id", INVALID)
def test_an_invalid_case_is_refused_with_a_message(case_id):
    with pytest.raises(ContentError) as info:
        read(CASES[case_id]["yaml"])
    problem = info.value.problem
    assert problem.code.startswith("yaml.") and problem.line is not None
    assert problem.format("id").startswith(f"sellers/a/products/x.yaml:{problem.line}: ")


@pytest.mark.parametrize("case_id", sorted(FORGIVEN))
def test_a_tab_that_indents_is_forgiven(case_id):
    text = CASES[case_id]["yaml"]
    with pytest.raises(ContentError):
        read(text, forgive_tabs=False)  # YAML itself refuses the tab
    assert plain(read(text)) == FORGIVEN[case_id]


def outcome(read_documents, text):
    try:
        return ("data", [_shape(d) for d in read_documents(text)])
    except yamlio._Refusal as e:
        return ("refused", e.mark.line, e.code)
    except (yaml.YAMLError, RecursionError):
        return ("yaml error",)


def _shape(data):
    if isinstance(data, LineDict):
        return (
            "map",
            data.line,
            sorted(data.lines.items()),
            data.duplicates,
            [(k, _shape(v)) for k, v in data.items()],
        )
    if isinstance(data, LineList):
        return ("list", data.line, data.lines, [_shape(v) for v in data])
    return data


@pytest.mark.parametrize("case_id", sorted(CASES))
@pytest.mark.parametrize("forgive_tabs", [False, True])
def test_the_quick_paths_read_every_case_as_the_guarded_path(case_id, forgive_tabs):
    text = decode_text(CASES[case_id]["yaml"].encode("utf-8"))
    text = untab_yaml(text) if forgive_tabs else text
    guarded = outcome(yamlio._guarded_documents, text)
    plain_data = yamlio.plain_yaml(text)
    if plain_data is not None:
        assert guarded == ("data", [_shape(plain_data)])
    fast = outcome(yamlio._fast_documents, text)
    if fast != ("yaml error",) and not yamlio._needs_guard(text):
        assert fast == guarded
    if guarded == ("yaml error",):
        assert fast == ("yaml error",)
