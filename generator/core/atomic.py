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


def write_atomic(
    path: Path, data: bytes, make_folder: bool = True, mode: int | None = None, durable: bool = False
) -> None:
    """`data` as the whole of `path`, replaced in one step. `mode`: the new file's permissions
    (0o600 for a secret), else the usual ones; `durable`: on the disk before it replaces the old
    file (a seller's own words, which nothing else could make again)."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 if mode is None else mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
