"""Every in-process cache Lapak keeps, in one registry with one way to clear it.

A build remembers what it made in plain dicts and `functools.lru_cache`s (cards, digests,
parsed names, Jinja2 environments…), each bounded by its owner. They are made here, named,
so that `clear()` empties them all: `lapak serve` does when a theme or `lapak.yaml` changes,
and tests that need a process as fresh as a new one do through a fixture. A group
("templates") can be cleared alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CLEARERS: dict[str, tuple[str, Callable[[], None]]] = {}  # name → (group, clear)


def table(name: str, group: str = "") -> dict:
    """A new dict kept as a cache under `name` (its owner bounds its size)."""
    found: dict = {}
    _CLEARERS[name] = (group, found.clear)
    return found


def put(table: dict, key, value, limit: int) -> None:
    """`table[key] = value`, the longest unused entries dropped past `limit` entries (a key put
    again counts as new): for tables of whole sellers, so that a worker that builds thousands of
    them in one go keeps only the last few in memory."""
    table.pop(key, None)
    table[key] = value
    while len(table) > limit:
        del table[next(iter(table))]


def memoize(maxsize: int | None, group: str = "") -> Callable[[F], F]:
    """`functools.lru_cache(maxsize)`, registered under the function's module and name."""

    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        module = fn.__module__.rpartition(".")[2]
        _CLEARERS[f"{module}.{fn.__qualname__}"] = (group, cached.cache_clear)
        return cached  # type: ignore[return-value]

    return wrap


def clear(group: str | None = None) -> None:
    """Empty every registered cache, or those of one group."""
    for kind, clear_one in _CLEARERS.values():
        if group is None or kind == group:
            clear_one()


def names() -> list[str]:
    """The registered caches' names (what `clear` empties)."""
    return sorted(_CLEARERS)
