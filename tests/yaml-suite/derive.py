"""Derive cases.json from a checkout of the official yaml-test-suite (github.com/yaml/yaml-test-suite).

    python tests/yaml-suite/derive.py PATH/TO/yaml-test-suite COMMIT > tests/yaml-suite/cases.json

Each src/*.yaml file of the suite holds one case or several (ID-00, ID-01 …) with `yaml`, `tree`
(the event stream), `json` and `fail: true` fields, written with visible markers for tabs and
spaces (» ␣ ↵ ∎ ← ⇔). The cases kept are the ones about what a seller writes (block mappings and
lists, every scalar style, comments, anchors, several documents, tabs, errors), chosen by the
suite's own tags, plus those named in MUST; directives and custom tags are left out.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

EXCLUDE_TAGS = {"directive", "local-tag", "unknown-tag", "global-tag", "1.3-err", "1.3-mod", "upto-1.2"}
LEFT_OUT = {
    "9C9N": "a flow list whose next lines are not indented: libyaml reads the one obvious list",
    "QB6E": "a quoted text whose next lines are not indented: libyaml reads the one obvious text",
    "DK95-01": "a tab before a quoted text's next line: libyaml reads the one obvious text",
    "Y79Y-003": "a tab before a flow list's next item: libyaml reads the one obvious list",
    "S98Z": "a folded block of blank lines more indented than the comment after it: read as empty text",
    "JEF9-02": "spaces on the last line of a file without a final line break",
    "L24T-01": "spaces on the last line of a file without a final line break",
}
# Lapak forgives tabs that indent (README, DESIGN): these refused cases are read as if spaces were written.
FORGIVEN = {"4EJS", "Y79Y-000", "Y79Y-004", "Y79Y-005"}
WANT = {
    "mapping": 8,
    "sequence": 6,
    "literal": 5,
    "folded": 4,
    "double": 4,
    "single": 3,
    "comment": 5,
    "anchor": 3,
    "alias": 3,
    "header": 4,
    "footer": 3,
    "whitespace": 6,
    "error": 18,
    "flow": 4,
    "explicit-key": 2,
    "empty-key": 2,
    "complex-key": 2,
    "duplicate-key": 1,
    "tag": 2,
    "indent": 5,
    "scalar": 4,
}
MUST = [
    "SU5Z",
    "9JBA",
    "CVW2",
    "X4QW",
    "G5U8",
    "YJV2",
    "652Z",
    "HM87-01",
    "Y2GN",
    "3GZX",
    "2XXW",
    "J7PZ",
    "LX3P",
    "6BFJ",
    "7A4E",
    "PRH3",
    "DC7X",
    "J3BT",
    "4EJS",
    "DK95-00",
    "DK95-03",
    "96NN-00",
    "T5N4",
    "Y79Y-000",
    "Y79Y-001",
    "Y79Y-002",
    "Y79Y-004",
    "Y79Y-005",
    "Y79Y-010",
    "6ZKB",
    "9DXL",
    "PUW8",
    "2JQS",
    "U99R",
    "ZCZ6",
    "4CQQ",
    "5BVJ",
    "M5C3",
    "KSS4",
    "6JWB",
    "2EBW",
]


def unescape(text: str) -> str:
    text = text.replace("␣", " ").replace("←", "\r").replace("⇔", "\ufeff").replace("↵", "")
    text = re.sub("—*»", "\t", text)
    return text[:-2] if text.endswith("∎\n") else text


def suite_cases(src: Path) -> dict[str, dict]:
    cases = {}
    for file in sorted(src.glob("*.yaml")):
        tests = yaml.safe_load(file.read_text(encoding="utf-8"))
        if tests[0].get("skip"):
            continue
        inherited: dict = {}
        for i, test in enumerate(tests):
            test = {**{k: v for k, v in inherited.items() if k != "fail"}, **test}
            inherited = test
            width = len(str(len(tests) - 1)) + 1  # the suite's own numbering: 00 … 09, or 000 … 010
            case_id = f"{file.stem}-{i:0{width}d}" if len(tests) > 1 else file.stem
            cases[case_id] = {
                "id": case_id,
                "name": test["name"],
                "tags": test.get("tags", ""),
                "yaml": unescape(test["yaml"]),
                "tree": unescape(test.get("tree") or ""),
                "json": test.get("json"),
                "fail": "fail" in test,
            }
    return cases


def main(root: str, commit: str) -> None:
    cases = suite_cases(Path(root) / "src")
    chosen = [c for c in MUST if c in cases]
    counts = dict.fromkeys(WANT, 0)
    for case in cases.values():
        tags = set(case["tags"].split())
        if case["id"] in chosen or case["id"] in LEFT_OUT or tags & EXCLUDE_TAGS or len(case["yaml"]) > 240:
            continue
        if "tag" in tags and re.search(r"![^!\s]|!<|![ \n]", case["yaml"].replace("!!", "")):
            continue  # custom tags: Lapak reads them as untagged
        if any(counts.get(t, WANT.get(t, 0)) < WANT.get(t, 0) for t in tags):
            chosen.append(case["id"])
            for t in tags & counts.keys():
                counts[t] += 1
    out = {
        "source": f"https://github.com/yaml/yaml-test-suite/tree/{commit}/src",
        "left_out": LEFT_OUT,
        "cases": [{**cases[c], "forgiven": c in FORGIVEN} for c in sorted(chosen)],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
