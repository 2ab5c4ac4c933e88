"""Same input, byte-identical output: across runs, PYTHONHASHSEED values and the order in
which the file system lists a folder (real builds in subprocesses, trees compared)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import SITES
from helpers import snapshot

# Runs the CLI with os.listdir / os.scandir (and so os.walk, Path.iterdir, rglob) returning
# entries reversed or shuffled, as another file system or machine might.
WRAPPER = r"""
import os, random, runpy, sys
mode = os.environ["LAPAK_TEST_ORDER"]
_listdir, _scandir = os.listdir, os.scandir
def order(items):
    items = list(items)
    if mode == "reverse":
        items.sort(key=lambda x: getattr(x, "name", x), reverse=True)
    elif mode == "shuffle":
        random.Random(len(items)).shuffle(items)
    return items
class Scan:
    def __init__(self, it):
        with it:
            self.items = iter(order(it))
    def __iter__(self):
        return self
    def __next__(self):
        return next(self.items)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def close(self):
        pass
os.listdir = lambda path=".": order(_listdir(path))
os.scandir = lambda path=".": Scan(_scandir(path))
sys.argv = ["lapak", *sys.argv[1:]]
runpy.run_module("generator", run_name="__main__", alter_sys=True)
"""


def test_output_is_byte_identical_across_seeds_and_listing_orders(tmp_path):
    trees = []
    for n, (seed, order) in enumerate([("0", "sorted"), ("1", "reverse"), ("4242", "shuffle")]):
        root = tmp_path / f"run{n}"
        shutil.copytree(SITES / "basic", root)
        shutil.copytree(SITES / "hostile/sellers/xss", root / "sellers/xss")  # odd names, warnings, photos
        env = {**os.environ, "PYTHONHASHSEED": seed, "LAPAK_TEST_ORDER": order, "LAPAK_LANG": "id"}
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, "build", str(root), "--out", str(tmp_path / f"out{n}"), "--jobs", "2"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        trees.append((snapshot(tmp_path / f"out{n}"), done.stderr))
    (first, first_err), *others = trees
    assert len(first) > 10
    for n, (tree, err) in enumerate(others, 1):
        assert sorted(tree) == sorted(first)
        assert [name for name in first if tree[name] != first[name]] == []
        assert err.replace(f"/run{n}/", "/run0/") == first_err  # messages in the same order too
