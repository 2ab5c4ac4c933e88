"""Files replaced in one step: a reader (a web server, the next build) sees the old file or
the new one, never half of it, even when the writing process is killed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TMP_SUFFIX = ".lapak-tmp"  # a leftover of a killed write; the writer tidies these up


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; moved over `path` when the block ends,
    removed when it fails."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def write_atomic(path: Path, data: bytes, make_folder: bool = True) -> None:
    """`data` as the whole of `path`, replaced in one step."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:
        tmp.write_bytes(data)
