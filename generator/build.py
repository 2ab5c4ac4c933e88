"""The build, phase by phase: what there is → load → themes and photos → render and write →
the market pages (MkDocs' order: every seller is loaded and checked before a page is written).

The decisions are made here, once: which sellers stand as built (incremental.Kept), and
whether the sellers are built whole in the workers (`_whole_in_workers`). The work itself,
and what crosses to the worker processes, is in workers.py.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.core import caches
from generator.core.errors import ERROR, NOTICE, BuildError, Problem, ThemeError, problem
from generator.core.fingerprints import by_identity, code_signature, fingerprint
from generator.core.models import Market, Shop, ShopCard, SiteInfo
from generator.load.loader import PRODUCT_FOLDERS, LoadTask, load_seller_task, read_market
from generator.load.values import slugify
from generator.output.incremental import Health, Kept, Recalled, ShopState, Tracker, seller_inputs, shop_health
from generator.output.writer import check_output, output_lock, prepare_output, read_manifest, write_file, write_root
from generator.photos.images import ProcessedPhotos, process_photos, progress
from generator.render.pages import (
    CART_PAGE,
    CATALOG_PAGE,
    CATEGORY_DIR,
    MARKET_PAGE_NAME,
    PHOTO_DIR,
    QR_FILE,
    SITEMAP_PART_NAME,
    Renderer,
    crawler_files,
)
from generator.render.search import SEARCH_INDEX, search_index
from generator.render.themes import environment, resolve_theme, seller_theme, theme_dirs
from generator.workers import (
    BuiltSeller,
    DaskWorkers,
    Failed,
    Outcome,
    RenderTask,
    SellerBuild,
    SellerDone,
    SellerTask,
    Workers,
    Written,
    build_seller_task,
    photo_requests,
    rel_path,
    render_in_batches,
    render_shop_task,
    settled,
    shop_card,
    shop_job,
    shop_site,
)

log = logging.getLogger(__name__)

CACHE_DIR = ".lapak-cache"
CARD_FILE = ".lapak-shop.json"  # where a shop's card was kept before (inside the output): moved to the cache
MARKET_STATE = "@market"  # the market pages' state, beside the shops' (no seller slug has an @)
POOL_FROM_SELLERS = 8  # below this, starting worker processes costs more than it saves
# From this many shops the market's search files are made by a worker while this process renders the
# market's category pages (at 2,500 shops each takes ~0.5 s; below, sending the cards costs more).
SEARCH_APART_FROM = 200
BATCH_FROM_PRODUCTS = 300  # a lone shop this big has its pages rendered by every worker


@dataclass
class BuildResult:
    """What a run did: every problem, which shops were built and which were skipped."""

    problems: list[Problem] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    products: int = 0
    out: Path | None = None
    market: Market | None = None  # its shops: those loaded here (not those a worker built whole)
    # `lapak check`: the counts of sellers not loaded in this process (as the last build or
    # check found them, or as the worker that checked them whole found them).
    recalled: dict[str, Health] = field(default_factory=dict)
    written: bool = False  # some output file was written or removed
    # Seconds each step took, in order (`lapak build --timings`): where a big market's time goes.
    timings: dict[str, float] = field(default_factory=dict)

    def timed(self, step: str, since: float) -> float:
        """Record `step` as having run from `since` until now; now, for the next step."""
        now = time.perf_counter()
        self.timings[step] = self.timings.get(step, 0.0) + now - since
        return now

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def build(
    root: Path,
    out: Path | None = None,
    only: str | None = None,
    jobs: int | None = None,
    write: bool = True,
    site_url: str | None = None,
    changed: set[str] | None = None,
    dask: str | None = None,
    market_pages: bool = True,
) -> BuildResult:
    """Build (or with write=False, only check) the market or single shop in `root`.

    `changed`: the paths that changed since the last build in this process, when known (the
    watcher of `lapak serve` knows): sellers with none of them are not even looked at.
    `dask`: a Dask scheduler's address, to run the per-seller work on its cluster.
    `market_pages=False`: the market's own pages (shop lists, category pages, search) are left
    as they are, for a later build to bring up to date (`lapak edit` shows a seller their own
    page first; the market-wide pages follow in the background)."""
    root = root.resolve()
    out = (out or root / "output").resolve()
    _check_project(root, only)
    if not write:
        return _build(root, out, only, jobs, write, site_url, None)
    check_output(root, out, _output_names(root))
    # Held from the start so a second build on the same output stops at once, not after its work.
    with output_lock(out, single_shop=(root / "shop.yaml").is_file()):
        return _build(root, out, only, jobs, write, site_url, changed, dask, market_pages)


def _check_project(root: Path, only: str | None) -> None:
    """Refuse, before anything is written, a folder that is neither a market nor a shop, and
    an `--only` naming no seller folder (with the nearest one)."""
    if (root / "shop.yaml").is_file():
        return
    sellers = root / "sellers"
    if not sellers.is_dir():
        raise BuildError(problem("", None, "build.no_market", folder=str(root)))
    if only is None:
        return
    slugs = sorted(
        {slugify(name) for name in os.listdir(sellers) if not name.startswith((".", "_")) and (sellers / name).is_dir()}
        - {""}
    )
    if only not in slugs:
        import difflib

        close = difflib.get_close_matches(only, slugs, n=1, cutoff=0.5)
        raise BuildError(
            problem(
                "",
                None,
                "build.no_shop_hint" if close else "build.no_shop",
                slug=only,
                hint=close[0] if close else "",
                known=", ".join(slugs),
            )
        )


MARKET_FILES = frozenset(
    {"index.html", "404.html", "qr.html", "robots.txt", "sitemap.xml", SEARCH_INDEX, "assets", "manifest.webmanifest"}
)
SHOP_FILES = MARKET_FILES | {CATALOG_PAGE, CART_PAGE, QR_FILE, PHOTO_DIR, CATEGORY_DIR}


def _output_names(root: Path):
    """Whether a build of `root` may write an entry of this name at its output's top: the
    market's pages and a folder per seller, or a single shop's pages (one per product file).
    The folders are read only when asked (a folder Lapak never built into)."""
    single = (root / "shop.yaml").is_file()
    known: list[set[str]] = []

    def names() -> set[str]:
        if not known:
            if single:
                known.append(
                    {
                        slugify(Path(name).stem)
                        for folder in PRODUCT_FOLDERS
                        if (root / folder).is_dir()
                        for name in os.listdir(root / folder)
                    }
                )
            else:
                sellers = root / "sellers"
                known.append({slugify(name) for name in os.listdir(sellers)} if sellers.is_dir() else set())
        return known[0]

    if single:
        return lambda name: (
            name in SHOP_FILES
            or SITEMAP_PART_NAME.fullmatch(name) is not None
            or (name.endswith(".html") and slugify(name[:-5]) in names())
        )
    return lambda name: (
        name in MARKET_FILES
        or SITEMAP_PART_NAME.fullmatch(name) is not None
        or MARKET_PAGE_NAME.fullmatch(name) is not None
        or slugify(name) in names()
    )


def _build(
    root: Path,
    out: Path,
    only: str | None,
    jobs: int | None,
    write: bool,
    site_url: str | None,
    changed: set[str] | None,
    dask: str | None = None,
    market_pages: bool = True,
) -> BuildResult:
    clock = time.perf_counter()
    with DaskWorkers(dask, root, out) if dask else Workers(jobs) as pool, settled():
        # 1. What there is: the market's settings, its sellers, which of them stand as built
        # (for a check: which of them are as the last build or check found them).
        kept = Kept(root, out, Tracker(root / CACHE_DIR, out), changed) if write else Recalled(root, out)
        memos = root / CACHE_DIR / "products"  # a check writes only in the cache folder too
        # The preview server saves the memos while it waits for the next edit, not before it reloads.
        market, loads, problems = read_market(
            root,
            site_url,
            keep=kept,
            memo_dir=memos,
            memo_later=changed is not None,
            changed=frozenset(kept.changed) if kept.changed is not None else None,
        )
        result = BuildResult(problems=problems, out=out if write else None)
        clock = result.timed("read", clock)
        if kept.tracker and changed is None and not market.single_shop and (root / "sellers").is_dir():
            kept.tracker.prune(set(market.seller_slugs), memos)
        if isinstance(kept, Recalled) and not market.single_shop and (root / "sellers").is_dir():
            kept.checks.prune(set(market.seller_slugs), memos)
        said = len(result.problems)  # the problems said from here on are the sellers' own
        # 2. Load the others: in the workers, and built there whole when that is worth it.
        whole = _whole_in_workers(out, write, changed, only, pool, market, loads)
        market, built_whole = _load_sellers(root, out, market, loads, kept, pool, whole, result)
        clock = result.timed("sellers" if whole else "load", clock)
        # 3. Each shop's theme and photos.
        shops = _with_themes(root, market, _select(market, only, result), result)
        photos = process_photos(
            [r for shop, _ in shops for r in photo_requests(root, shop)],
            str(root / CACHE_DIR / "photos"),
            pool if pool.parallel else None,
            write=write,
        )
        result.problems.extend(photos.problems)
        clock = result.timed("photos", clock)
        if write and not whole and (failure := _prepared(out, market.single_shop)):
            result.problems.append(failure)
            return result
        # 4. Render and write every shop that changed; one that fails keeps its last output.
        done = [
            seller.slug
            for seller in built_whole
            if _settle(root, out, market, seller, seller.outcome, kept, result, write)
        ]
        done += [
            shop.slug
            for shop, outcome in _render_shops(market, shops, photos, kept, pool, write)
            if _settle(root, out, market, shop, outcome, kept, result, write)
        ]
        done += _kept_shops(kept, only, result)
        clock = result.timed("shops", clock)
        if isinstance(kept, Recalled):
            done += _checked(kept, loads, market, built_whole, said, set(done), result)
        result.built = sorted(done)
        # Only the sellers this build tried (`--only`: that one) can have failed.
        kept.failed((set(market.seller_slugs) if only is None else {only}) - set(done))
        result.skipped = sorted(set(market.seller_slugs) - set(done)) if not only else sorted({only} - set(done))
        # 5. The market's own pages.
        if write and not market.single_shop and market_pages:
            cards = {seller.slug: seller.card for seller in built_whole}
            _write_market(out, market, result, kept, cards, photos, pool)
            clock = result.timed("market", clock)
        return result


def _checked(
    recalled: Recalled,
    loads: list[LoadTask],
    market: Market,
    whole: list[BuiltSeller],
    said: int,
    done: set[str],
    result: BuildResult,
) -> list[str]:
    """`lapak check`: what it found of each seller it loaded kept for the next check; the
    sellers it did not load (see Recalled) said again as found last time. Returns those of
    them that built."""
    healths = {s.slug: shop_health(s) for s in market.shops}
    healths |= {s.slug: s.health for s in whole if s.health}
    by_folder: dict[str, list[Problem]] = {}  # "sellers/<folder>/" → the problems of its files
    for p in result.problems[said:]:
        parts = p.path.split("/", 2)
        by_folder.setdefault("" if market.single_shop else "/".join(parts[:2]) + "/", []).append(p)
    here = {s.slug for s in market.shops}
    for load in loads:
        health = healths.get(load.slug)
        health = replace(health, built=load.slug in done) if health else Health(None, False, False)
        recalled.remember(load.slug, by_folder.get(load.rel, []), health)
        if health.counts is not None and load.slug not in here:
            result.recalled[load.slug] = health  # built whole in a worker: its counts from there
    again = []
    said_already = set(result.problems[:said])  # a single shop's build state holds lapak.yaml's too
    for slug, state in recalled.recalled.items():
        assert state.health is not None  # only states with one are recalled
        result.problems.extend(p for p in state.problems if p not in said_already)
        result.recalled[slug] = state.health
        if state.health.built:
            again.append(slug)
    shops = list(market.shops) + [h for h in result.recalled.values() if h.counts is not None]
    if shops and not any(s.site_url for s in shops):  # said once, by check
        result.problems.append(
            problem("lapak.yaml" if not market.single_shop else "shop.yaml", None, "site_url.missing", NOTICE)
        )
    return again


def _whole_in_workers(
    out: Path,
    write: bool,
    changed: set[str] | None,
    only: str | None,
    pool: Workers,
    market: Market,
    loads: list[LoadTask],
) -> bool:
    """Whether the sellers are loaded, rendered and written (for a check: rendered only) in one
    go by the worker that loads each (see workers.build_seller_task): for `lapak build` or
    `lapak check` of a market with many sellers to load (a first build, or after a theme or
    lapak.yaml edit), never for the preview server's rebuilds. A build's output folder must be
    ready first (else the usual way says why)."""
    if not (
        changed is None
        and only is None
        and pool.parallel
        and not market.single_shop
        and len(loads) >= POOL_FROM_SELLERS
    ):
        return False
    return not write or _prepared(out) is None  # a check writes no output


def _load_sellers(
    root: Path,
    out: Path,
    market: Market,
    loads: list[LoadTask],
    kept: Kept,
    pool: Workers,
    whole: bool,
    result: BuildResult,
) -> tuple[Market, list[BuiltSeller]]:
    """Every seller in `loads` loaded; with `whole`, those that need nothing else first are
    built whole by the same worker. Returns the market with the loaded shops, and those built."""
    shops: list[Shop] = []
    built: list[BuiltSeller] = []
    if whole:
        _ready_templates(root, market)  # before the workers start (see there)
        context = SellerBuild(
            str(root),
            str(out),
            kept.themes,
            str(root / CACHE_DIR / "cards"),
            str(root / CACHE_DIR / "photos"),
            write=kept.tracker is not None,
        )
        tasks = (
            SellerTask(
                load,
                context,
                _state_files(kept, load.slug),
                load.slug in kept.later,
                _card_path(kept, market, load.slug),
            )
            for load in loads
        )
        bar = progress(len(loads), "toko")
        done: SellerDone
        for load, done in zip(loads, pool.map_if(build_seller_task, tasks, POOL_FROM_SELLERS, count=len(loads))):
            bar.update(1)
            if done.inputs is not None:
                kept.inputs[load.slug] = done.inputs
            result.problems.extend(done.loaded.problems)
            if done.built:
                built.append(done.built)
            elif done.loaded.shop:
                shops.append(done.loaded.shop)
        bar.close()
    else:
        for load in loads:
            if load.slug in kept.later:  # never built into this output: its inputs are read now
                kept.inputs[load.slug] = seller_inputs(load.folder, out, kept.themes, load.market)
        for loaded in pool.map_if(load_seller_task, loads, POOL_FROM_SELLERS):
            result.problems.extend(loaded.problems)
            if loaded.shop:
                shops.append(loaded.shop)
    market = replace(market, shops=tuple(shops))
    result.market = market
    return market, built


def _ready_templates(root: Path, market: Market) -> None:
    """Jinja2 and the market theme's environment (its translations read, its base template
    loaded) made once here, before the worker processes are started: they start with it
    (forked), instead of each making the same, and the market pages at the end use it too.
    Whatever fails here is said by the step that needs it."""
    try:
        environment(resolve_theme(market.theme, theme_dirs(str(root))), None, market.language).get_template("base.html")
    except Exception:  # noqa: BLE001 - a head start only
        pass


def _prepared(out: Path, single_shop: bool = False) -> Problem | None:
    """The output folder made ready for this build (see prepare_output), or why it cannot be."""
    try:
        prepare_output(out, single_shop)
    except BuildError as e:
        return e.problem
    except OSError as e:
        return problem(str(out), None, "build.write_failed", detail=e.strerror or str(e))
    return None


def _card_path(kept: Kept, market: Market, slug: str) -> str | None:
    """Where a shop's card for the market page is kept: the build's cache, never the output."""
    return str(kept.tracker.card_path(slug)) if kept.tracker and not market.single_shop else None


def _state_files(kept: Kept, slug: str) -> dict | None:
    state = kept.states.get(slug)
    return state.files if state else None


def _select(market: Market, only: str | None, result: BuildResult) -> list[Shop]:
    if only is None:
        return list(market.shops)
    chosen = [s for s in market.shops if s.slug == only]
    if not chosen and only not in market.seller_slugs:
        result.problems.append(problem("", None, "build.no_shop", slug=only, known=", ".join(market.seller_slugs)))
    return chosen


def _with_themes(root: Path, market: Market, shops: list[Shop], result: BuildResult) -> list[tuple[Shop, SiteInfo]]:
    """Resolve each shop's theme; a shop whose theme is broken is skipped with the reason."""
    search = theme_dirs(str(root))
    out = []
    for shop in shops:
        override, own_templates, own_problems = seller_theme(
            Path(shop.folder), rel_path(root, shop.folder), market.single_shop
        )
        result.problems.extend(own_problems)
        try:
            theme = resolve_theme(shop.theme, search)
        except ThemeError as e:
            result.problems.append(replace(e.problem, path=rel_path(root, shop.folder, "shop.yaml")))
            continue
        if any(p.is_error for p in own_problems):
            continue
        prefix = "" if market.single_shop else f"{shop.slug}/"
        out.append((shop, SiteInfo(prefix, theme, override, own_templates)))
    return out


def _render_shops(
    market: Market, shops: list[tuple[Shop, SiteInfo]], photos: ProcessedPhotos, kept: Kept, pool: Workers, write: bool
) -> Iterator[tuple[Shop, Outcome]]:
    """Render and write every shop's changed pages (over the worker processes when there are
    several shops); yield each shop with how it went."""
    header = replace(market, shops=())
    by_folder: dict[str, dict] = {}
    for (folder, path), pic in photos.pictures.items():
        by_folder.setdefault(folder, {})[path] = pic
    cache = str(Path(market.root) / CACHE_DIR / "cards") if write else None  # check writes nothing

    def task(shop: Shop, site: SiteInfo) -> RenderTask:
        site, card = shop_site(shop, site, by_folder.get(shop.folder, {}), kept.themes, cache)
        state = kept.states.get(shop.slug)
        fresh = {}
        if state and write and kept.changed is not None:  # the preview server: the output is all ours
            fresh = {rel: key for rel, (key, _, _) in state.files.items()}
        elif state and write:
            fresh = Tracker.intact(kept.target(market, shop.slug), state.files)
        job = None
        if write:
            photo_files = {
                name: cached
                for photo_path in site.pictures
                for name, cached in photos.files.get((shop.folder, photo_path), {}).items()
            }
            job = shop_job(
                shop,
                photo_files,
                card,
                kept.target(market, shop.slug),
                kept.changed is None,
                shop.site_url if market.single_shop else None,
                site.pictures,
                _card_path(kept, market, shop.slug),
            )
        return RenderTask(header, shop, site, fresh, job)

    # One big shop with (nearly) every page to render (a first build of a single shop, or of a
    # market of one): its pages split over the workers. Never for a rebuild that renders a few.
    first = task(*shops[0]) if len(shops) == 1 else None
    if (
        first
        and pool.parallel
        and kept.changed is None
        and len(first.shop.products) >= BATCH_FROM_PRODUCTS
        and len(first.fresh) < len(first.shop.products) // 2
    ):
        outcomes: Iterator[Outcome] = iter([render_in_batches(pool, first)])
    else:
        # Made one by one as the workers take them: the first shop renders while the rest are made.
        tasks = [first] if first else (task(shop, site) for shop, site in shops)
        outcomes = pool.map_if(render_shop_task, tasks, minimum=2, count=len(shops))
    bar = progress(len(shops), "toko")
    for (shop, _), outcome in zip(shops, outcomes):
        bar.set_postfix_str(shop.slug)  # which seller is being built, for a trainer watching
        bar.update(1)
        yield shop, outcome
    bar.close()


def _settle(
    root: Path,
    out: Path,
    market: Market,
    shop: Shop | BuiltSeller,
    outcome: Outcome,
    kept: Kept,
    result: BuildResult,
    write: bool,
) -> bool:
    """Take in how a shop's render and write went; True when it was built. A shop that failed
    keeps its last output; the others go on."""
    if isinstance(outcome, Failed):
        result.problems.append(
            outcome.problem
            or problem(
                rel_path(root, shop.folder, "shop.yaml"), None, "theme.template", ERROR, detail=outcome.template_error
            )
        )
        if kept.tracker:
            kept.tracker.forget(shop.slug)
        return False
    if write and isinstance(outcome, Written):
        _remember(market, shop, outcome, kept, result)
    result.products += shop.products if isinstance(shop, BuiltSeller) else len(shop.products)
    return True


def _remember(market: Market, shop: Shop | BuiltSeller, outcome: Written, kept: Kept, result: BuildResult) -> None:
    """What each file of a shop just written was made from, and its problems to say again."""
    result.written |= outcome.written
    if kept.tracker:
        folder = rel_path(Path(market.root), shop.folder)
        own = [p for p in result.problems if market.single_shop or p.path.startswith(folder)]
        count = shop.products if isinstance(shop, BuiltSeller) else len(shop.products)
        health = shop.health if isinstance(shop, BuiltSeller) else shop_health(shop)
        kept.save(shop.slug, outcome.stamps, own, count, health)


def _kept_shops(kept: Kept, only: str | None, result: BuildResult) -> list[str]:
    """Shops standing as built: their problems said again, their products counted."""
    done = []
    for slug, state in kept.kept.items():
        if only is None or slug == only:
            result.problems.extend(state.problems)
            result.products += state.products
            done.append(slug)
    return done


def _cards(
    out: Path, market: Market, built: set[str], whole: dict[str, ShopCard], kept: Kept, pictures: dict[str, dict]
) -> list[ShopCard]:
    """Market page entries: shops built now from their models (`whole`: the cards of those a
    worker built), the others (kept as built, or skipped for errors) from the card their last
    good build left in the cache."""
    cards = []
    loaded = {s.slug: s for s in market.shops}
    for slug in market.seller_slugs:
        if slug in built and (slug in loaded or slug in whole):
            cards.append(
                shop_card(loaded[slug], pictures.get(loaded[slug].folder, {})) if slug in loaded else whole[slug]
            )
            continue
        path = kept.tracker.card_path(slug) if kept.tracker else None
        card = _read_card(path) if path else None
        if card is None and path:
            card = _moved_card(out / slug / CARD_FILE, path)
        if card:  # else never built successfully: nothing to link to yet
            cards.append(card)
    return cards


def _moved_card(old: Path, new: Path) -> ShopCard | None:
    """A card an older Lapak kept inside the published output: read once, moved to the cache,
    deleted from the output."""
    card = _read_card(old)
    if card is None:
        return None
    try:
        write_file(new, old.read_bytes())
        old.unlink()
    except OSError:
        pass  # moved next time; the market page has the card now
    return card


_CARD_KEYS: dict = caches.table("build.card_keys")


def _card_key(card: ShopCard) -> str:
    """A card's digest (the same card objects from one rebuild of `lapak serve` to the next)."""
    return by_identity(_CARD_KEYS, card, fingerprint, limit=4096)


# card file → (its size and time, the card)
_READ_CARDS: dict[str, tuple[tuple[int, int], ShopCard]] = caches.table("build.read_cards")


def _read_card(path: Path) -> ShopCard | None:
    try:
        st = os.stat(path)
        known = _READ_CARDS.get(str(path))
        if known and known[0] == (st.st_size, st.st_mtime_ns):
            return known[1]
        data = json.loads(path.read_text(encoding="utf-8"))
        data["items"] = tuple(tuple(item) for item in data.get("items", ()))
        data["image"] = tuple(data.get("image", ()))
        card = ShopCard(**data)
    except (OSError, ValueError, TypeError):
        return None
    _READ_CARDS[str(path)] = ((st.st_size, st.st_mtime_ns), card)
    return card


def _made_apart(pool: Workers, fn: Callable, *args) -> Callable:
    """`fn(*args)` started in a worker now; what the returned callable gives is its result (made
    here instead if the worker could not: a worker process killed from outside, say)."""
    future = pool.submit(fn, *args)

    def result():
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - the same work, done here
            return fn(*args)

    return result


def _write_market(
    out: Path,
    market: Market,
    result: BuildResult,
    kept: Kept,
    whole: dict[str, ShopCard],
    photos: ProcessedPhotos,
    pool: Workers | None = None,
) -> None:
    """The market's own pages, from every shop's card (built now, kept, or skipped for errors);
    neither rendered nor written when what they show is as at the last build. In a big market
    the search files are made by a worker meanwhile (the workers are idle by now)."""
    try:
        site = SiteInfo("", resolve_theme(market.theme, theme_dirs(market.root)))
        pictures: dict[str, dict] = {}
        for (folder, path), pic in photos.pictures.items():
            pictures.setdefault(folder, {})[path] = pic
        cards = _cards(out, market, set(result.built), whole, kept, pictures)
        present = set(market.seller_slugs)
        shop_pages = (
            [
                f"{slug}/{rel}"
                for slug in sorted(present)
                for rel in sorted(read_manifest(out / slug))
                if rel.endswith(".html")
            ]
            if market.site_url
            else []
        )  # only the sitemap needs them
        key = fingerprint(
            code_signature(),
            kept.themes,
            site.theme,
            replace(market, shops=()),
            [_card_key(card) for card in cards],
            shop_pages,
        )
        state = kept.tracker.load(MARKET_STATE) if kept.tracker else None
        if state and state.inputs == key and len(Tracker.intact(out, state.files)) == len(state.files):
            return
        search = None
        if pool is not None and pool.parallel and not isinstance(pool, DaskWorkers) and len(cards) >= SEARCH_APART_FROM:
            search = _made_apart(pool, search_index, cards)
        pages = Renderer(market, site).market_pages(cards, search)
        pages |= crawler_files(market.site_url, [p for p in pages if p.endswith(".html")] + shop_pages)
        result.written |= write_root(out, pages, present)
        if kept.tracker:
            kept.tracker.save(MARKET_STATE, ShopState(key, Tracker.stamp(out, dict.fromkeys(pages, key))))
    except (BuildError, ThemeError) as e:
        result.problems.append(e.problem)
    except OSError as e:
        result.problems.append(problem(str(out), None, "build.write_failed", detail=e.strerror or str(e)))
