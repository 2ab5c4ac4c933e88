"""A container tag on the wrong kind of value (`harga: !!map 1000`) is the seller's YAML error,
reported at its line, not a crash that stops the whole market's build."""

from __future__ import annotations

import pytest

from generator.core.errors import ContentError
from generator.load.yamlio import parse_yaml


@pytest.mark.parametrize(
    "text, line, found",
    [
        ("!!map nama\n", 1, "expected a mapping node, but found scalar"),
        ("nama: X\nharga: !!map 1000\n", 2, "expected a mapping node, but found scalar"),
        ("harga: !!seq 1000\n", 1, "expected a sequence node, but found scalar"),
        ("!!map [a, b]\n", 1, "expected a mapping node, but found sequence"),
        ("a:\n  b: !!seq {c: d}\n", 2, "expected a sequence node, but found mapping"),
        ("a: !!str {c: d}\n", 1, "expected a scalar node, but found mapping"),  # PyYAML's own wording
    ],
)
def test_container_tag_on_the_wrong_value_is_a_yaml_error(text, line, found):
    with pytest.raises(ContentError) as info:
        parse_yaml(text, "sellers/a/products/x.yaml")
    problem = info.value.problem
    assert (problem.line, problem.code) == (line, "yaml.syntax")
    assert found in problem.message("en")


def test_one_bad_tag_skips_only_that_seller(scratch, run):
    root = scratch(
        {
            "sellers/a/shop.yaml": "nama: A\nwhatsapp: 0812 3456 7890\n",
            "sellers/a/products/x.yaml": "nama: X\nharga: !!map 1000\n",
            "sellers/b/shop.yaml": "nama: B\nwhatsapp: 0812 3456 7890\n",
            "sellers/b/products/y.yaml": "nama: Y\nharga: 1000\n",
        }
    )
    code, _, err = run(["build", str(root)])
    assert code == 1 and "sellers/a/products/x.yaml:2:" in err
    assert (root / "output/b/y.html").is_file()
