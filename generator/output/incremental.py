"""What each shop's output was made from, so a rebuild renders and writes only what changed.

Two levels, cheapest first:

1. A seller whose folder (every file's name, size and time), theme files, market settings and
   Lapak itself are as they were at the last build, and whose output files are as Lapak left
   them, is not loaded at all: its pages stand and its last problems are reported again.
2. Otherwise the seller is loaded and every page gets a key, a digest of exactly what it shows
   (`Renderer.shop_plan`); a page whose key is unchanged and whose file is as Lapak left it is
   neither rendered nor written.

The state is one small file per seller and output folder in the project's cache folder
(`.lapak-cache/builds/`), never in the published output. Losing it costs one full build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.core import caches
from generator.core.errors import LapakError, Problem
from generator.core.fingerprints import code_signature, fingerprint, tree_stats
from generator.core.models import Market
from generator.output.writer import write_file
from generator.render.themes import theme_dirs


@dataclass
class ShopState:
    """One shop's last successful build into one output folder."""

    inputs: str  # signature of everything the shop was built from
    files: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # path → (key, size, mtime_ns)
    problems: list[Problem] = field(default_factory=list)  # reported again while the shop is kept
    products: int = 0
    health: Health | None = None  # what `lapak check` reports of it (None: saved by an older Lapak)


@dataclass(frozen=True)
class Health:
    """What `lapak check` reports of a seller besides its problems: its counts (None when its
    files could not be read as meant), whether it has a site address, and whether it built."""

    counts: tuple[int, int, int, int, int] | None  # products, photos, without photo, without price, sold out
    site_url: bool = False
    built: bool = True


def shop_health(shop, built: bool = True) -> Health:
    products = shop.products
    counts = (
        len(products),
        sum(len(p.photos) for p in products),
        sum(1 for p in products if not p.photos),
        sum(1 for p in products if p.price_on_request),
        sum(1 for p in products if p.sold_out),
    )
    return Health(counts, bool(shop.site_url), built)


_LIVE: dict[str, tuple[int, ShopState]] = caches.table(
    "incremental.live", "seller"
)  # state file → (its mtime, the state), in this process
LIVE_STATES = 8192  # a state lists every output file of its shop: bounded, like the memos


class Tracker:
    """The states of one output folder's shops: read at the start of a build, saved per shop."""

    def __init__(self, cache: Path, out: Path, kind: str = "builds"):
        key = hashlib.blake2b(str(out).encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()
        self.folder = cache / kind / key
        self.out = out

    def _path(self, slug: str) -> Path:
        return self.folder / f"{slug or '_'}.state"

    def load(self, slug: str) -> ShopState | None:
        path = self._path(slug)
        try:
            mtime = os.stat(path).st_mtime_ns
            live = _LIVE.get(str(path))
            if live and live[0] == mtime:
                return live[1]
            with open(path, "rb") as f:
                state = pickle.load(f)
        except Exception:  # noqa: BLE001 - a missing, old or damaged state only costs a full build
            return None
        if not isinstance(state, ShopState):
            return None
        caches.put(_LIVE, str(path), (mtime, state), LIVE_STATES)
        return state

    def save(self, slug: str, state: ShopState) -> None:
        path = self._path(slug)
        write_file(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        caches.put(_LIVE, str(path), (os.stat(path).st_mtime_ns, state), LIVE_STATES)

    def card_path(self, slug: str) -> Path:
        """The shop's card for the market page, as its last good build into this output left it
        (kept when the shop is later skipped for errors, so it stays on the market page)."""
        return self.folder / f"{slug or '_'}.card"

    def forget(self, slug: str) -> None:
        try:
            self._path(slug).unlink()
        except OSError:
            pass

    def prune(self, slugs: set[str], memo_dir: Path) -> None:
        """Drop the states, cards and product memos of sellers whose folder is gone (the cache never
        outgrows the market)."""
        for folder, suffix in ((self.folder, ".state"), (self.folder, ".card"), (memo_dir, ".memo")):
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                slug = name[: -len(suffix)] if name.endswith(suffix) else None
                if slug and slug not in slugs and not slug.startswith("@"):
                    try:
                        os.unlink(os.path.join(folder, name))
                    except OSError:
                        pass

    @staticmethod
    def intact(target: Path, files: dict[str, tuple[str, int, int]]) -> dict[str, str]:
        """The keys of the files in `target` that are still exactly as Lapak wrote them."""
        fresh, top = {}, f"{target}/"
        for rel, (key, size, mtime) in files.items():
            try:
                st = os.stat(top + rel)
            except OSError:
                continue
            if st.st_size == size and st.st_mtime_ns == mtime:
                fresh[rel] = key
        return fresh

    @staticmethod
    def stamp(target: Path, keys: dict[str, str]) -> dict[str, tuple[str, int, int]]:
        """Each written file's key with its size and time, to notice later if someone changed it."""
        files, top = {}, f"{target}/"
        for rel, key in keys.items():
            try:
                st = os.stat(top + rel)
            except OSError:
                continue
            files[rel] = (key, st.st_size, st.st_mtime_ns)
        return files


_THEMES_SEEN: dict[str, str] = caches.table(
    "incremental.themes_seen"
)  # project → its themes' signature at its last build in this process
_TEMPLATES_FOR = [""]  # the theme files' signature the compiled templates in this process were read from
# (output, shop) → inputs of its last good build in this process: what `changed` builds trust.
_LAST_GOOD: dict[tuple[str, str], str] = caches.table("incremental.last_good")


def seller_inputs(folder: Path, out: Path, themes: str, market: Market) -> str:
    """Signature of everything a seller's shop is built from: its folder (every file's name,
    size and time), the theme files' signature, the market's settings and Lapak itself."""
    header = replace(market, shops=(), seller_slugs=())
    # A single shop's folder may hold its output and `lapak build --zip`'s zip: not inputs.
    files, settled = tree_stats(folder, exclude=(out, out.with_name(out.name + ".zip")))
    inputs = fingerprint(code_signature(), themes, header, files)
    if not settled:  # edited a moment ago: never taken as unchanged next time (see tree_stats)
        inputs += f":{time.time_ns()}"
    return inputs


class Kept:
    """One build's view of the last: decides, before loading, which shops stand as built, and
    keeps the last states of the others for their pages."""

    def __init__(self, root: Path, out: Path, tracker: Tracker | None, changed: set[str] | None = None):
        self.root, self.out, self.tracker = root, out, tracker
        self.inputs: dict[str, str] = {}
        # A seller never built into this output has its inputs read later, by whoever loads
        # it (a worker, when it builds the seller whole), not before: `later` lists them.
        self.later: set[str] = set()
        self.kept: dict[str, ShopState] = {}
        self.states: dict[str, ShopState | None] = {}
        sellers = f"{root / 'sellers'}{os.sep}"
        # Only seller files changed (not lapak.yaml, not a theme): untouched sellers stand as built.
        self.changed = changed if changed is not None and all(p.startswith(sellers) for p in changed) else None
        if self.changed is not None and _THEMES_SEEN.get(str(root)):
            self.themes = _THEMES_SEEN[str(root)]  # no theme file changed since
        else:
            self.themes, settled = tree_stats(*theme_dirs(str(root)))
            if not settled:
                self.themes += f":{time.time_ns()}"
            _THEMES_SEEN[str(root)] = self.themes
        # Templates are compiled once per process; a theme edit (or a seller's own theme/) drops them.
        if changed is None or self.themes != _TEMPLATES_FOR[0] or any(f"{os.sep}theme{os.sep}" in p for p in changed):
            caches.clear("templates")
            _TEMPLATES_FOR[0] = self.themes

    def target(self, market: Market, slug: str) -> Path:
        return self.out if market.single_shop else self.out / slug

    def __call__(self, market: Market, slug: str, folder: Path) -> bool:
        if self.tracker is None:
            return False
        if (
            self.changed is not None
            and not market.single_shop
            and not any(p.startswith(f"{folder}{os.sep}") or p == str(folder) for p in self.changed)
        ):
            state = self.tracker.load(slug)
            if state is not None and _LAST_GOOD.get((str(self.out), slug)) == state.inputs:
                self.kept[slug] = state
                return True
        if self.changed is not None:
            # Edited while serving: not walked now; the next `lapak build` looks at it again.
            self.inputs[slug] = f"serve:{time.time_ns()}"
            self.states[slug] = self.tracker.load(slug)
            return False
        state = self.tracker.load(slug)
        if state is None:
            self.later.add(slug)
            return False
        self.inputs[slug] = inputs = seller_inputs(folder, self.out, self.themes, market)
        if (
            state.inputs == inputs
            and state.files
            and len(Tracker.intact(self.target(market, slug), state.files)) == len(state.files)
        ):
            self.kept[slug] = state
            _LAST_GOOD[(str(self.out), slug)] = inputs
            return True
        self.states[slug] = state
        return False

    def save(
        self,
        slug: str,
        files: dict[str, tuple[str, int, int]],
        problems: list[Problem],
        products: int,
        health: Health | None = None,
    ) -> None:
        """A shop just written: what its files were made from, and its problems to say again."""
        inputs = self.inputs.get(slug, "")
        assert self.tracker is not None  # shops are written only where a tracker keeps their states
        self.tracker.save(slug, ShopState(inputs, files, problems, products, health))
        _LAST_GOOD[(str(self.out), slug)] = inputs

    def failed(self, slugs: set[str]) -> None:
        """Shops that could not be built: looked at again next time, whatever the watcher says."""
        for slug in slugs:
            _LAST_GOOD.pop((str(self.out), slug), None)


class Recalled(Kept):
    """`lapak check`'s view of the last build or check: a seller whose inputs (see
    seller_inputs) are as when the last check, or the last build into the default output,
    looked at it is not loaded again; its problems and its Health are said again.
    What a check finds is kept in the cache folder (`.lapak-cache/checks/`), never in the output."""

    def __init__(self, root: Path, out: Path):
        super().__init__(root, out, None)
        cache = root / ".lapak-cache"
        self.checks = Tracker(cache, out, "checks")
        self.builds = Tracker(cache, out)
        self.recalled: dict[str, ShopState] = {}

    def __call__(self, market: Market, slug: str, folder: Path) -> bool:
        inputs = self.inputs[slug] = seller_inputs(folder, self.out, self.themes, market)
        for tracker in (self.checks, self.builds):
            state = tracker.load(slug)
            if state is not None and state.inputs == inputs and getattr(state, "health", None) is not None:
                self.recalled[slug] = state
                return True
        return False

    def remember(self, slug: str, problems: list[Problem], health: Health) -> None:
        """What this check found of a seller it loaded (a cache that cannot be written only
        costs a full check next time)."""
        try:
            self.checks.save(slug, ShopState(self.inputs.get(slug, ""), {}, problems, 0, health))
        except (OSError, LapakError):
            pass
