"""The pipeline: load and validate everything first, then photos, render, write (MkDocs' order).

A first build of a market (or a rebuild of many sellers) over worker processes takes a short
cut for every seller whose photos need no work (none, or all in the photo cache): the worker
that loads it renders and writes it too, so the shop never travels to the main process and
back (see `build_seller_task`).

Parallel work goes through one `concurrent.futures.Executor` seam with plain-data tasks,
so the same tasks can later run on Dask's `Client.get_executor()` or as CI shards.
"""
from __future__ import annotations

import hashlib
import json
import gc
import logging
import os
from contextlib import contextmanager
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ERROR, NOTICE, BuildError, Problem, ThemeError, problem
from .images import PhotoRequest, ProcessedPhotos, cached_bytes, cached_photos, process_photos, progress
from .loader import load_project, load_seller_task
from .models import Market, Shop, ShopCard
from .money import format_money
from .imagecodec import text_card
from .render import PHOTO_DIR, Renderer, SiteInfo, by_identity, card_image, crawler_files, fingerprint, readable_on
from .themes import environment, resolve_theme, seller_theme, theme_dirs
from .incremental import Kept, ShopState, Tracker, seller_inputs
from .memo import code_signature, tree_signature
from .writer import MANIFEST, check_output, output_lock, prepare_output, read_manifest, update_tree, write_root, write_tree

log = logging.getLogger(__name__)

CACHE_DIR = ".lapak-cache"
CARD_FILE = ".lapak-shop.json"
MARKET_STATE = "@market"  # the market pages' state, beside the shops' (no seller slug has an @)
POOL_FROM_SELLERS = 8  # below this, starting worker processes costs more than it saves
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
    written: bool = False  # some output file was written or removed

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


class LazyPool(Executor):
    """Worker processes, started on the first task that needs them: a rebuild that loads and
    renders one shop, or none, never pays for starting them."""

    def __init__(self, jobs: int | None):
        self._max_workers = jobs or os.cpu_count() or 1
        self._pool = None

    @property
    def parallel(self) -> bool:
        return self._max_workers > 1

    def submit(self, fn, /, *args, **kwargs):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor  # ~25 ms to import: a no-op build needs none

            self._pool = ProcessPoolExecutor(max_workers=self._max_workers)
        return self._pool.submit(fn, *args, **kwargs)

    def map_if(self, fn, items, minimum: int, count: int | None = None):
        """`map` over the workers when there are at least `minimum` items, else right here.
        Items go out a few at a time (fewer messages) but in small enough batches that no
        worker is left with a long tail while the other waits (10 sellers: one at a time).
        `items` may be an iterator of `count` items, each made only when it is sent."""
        count = len(items) if count is None else count
        if self.parallel and count >= minimum:
            return self.map(fn, items, chunksize=max(1, count // (8 * self._max_workers)))
        return map(fn, items)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)
            self._pool = None


def build(root: Path, out: Path | None = None, only: str | None = None, jobs: int | None = None,
          write: bool = True, site_url: str | None = None, changed: set[str] | None = None) -> BuildResult:
    """Build (or with write=False, only check) the market or single shop in `root`.

    `changed`: the paths that changed since the last build in this process, when known (the
    watcher of `lapak serve` knows): sellers with none of them are not even looked at."""
    root = root.resolve()
    out = (out or root / "output").resolve()
    if not write:
        return _build(root, out, only, jobs, write, site_url)
    check_output(root, out)
    # Held from the start so a second build on the same output stops at once, not after its work.
    with output_lock(out, single_shop=(root / "shop.yaml").is_file()):
        return _build(root, out, only, jobs, write, site_url, changed)


def _build(root: Path, out: Path, only: str | None, jobs: int | None, write: bool,
           site_url: str | None = None, changed: set[str] | None = None) -> BuildResult:
    pool = LazyPool(jobs)
    try:
        with settled():
            return _build_with(root, out, only, write, site_url, pool, changed)
    finally:
        pool.shutdown()


@contextmanager
def settled():
    """Python's cycle collector told to leave alone what is here already, for one build or task.

    A build's models (10,000 products: ~500,000 objects) live until its end and hold no
    cycles, yet each full collection walks them all again: up to a fifth of a big build's time.
    Frozen, they are still freed when no longer referenced; at the end, unfrozen, they go
    back to the collector (so `lapak serve`, one long process, keeps nothing for good)."""
    global _SETTLED
    gc.freeze()
    _SETTLED += 1
    try:
        yield
    finally:
        _SETTLED -= 1
        if not _SETTLED:
            gc.unfreeze()


_SETTLED = 0  # how many `settled` are open in this process: only the outermost unfreezes


@contextmanager
def no_cycles():
    """The cycle collector paused: rendering a shop makes next to no reference cycles (a test
    bounds them per shop; 1,000 product pages make none), so its collections, every few
    hundred allocations, find nothing (~3% of a render)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _build_with(root: Path, out: Path, only: str | None, write: bool, site_url: str | None,
                pool: LazyPool, changed: set[str] | None = None) -> BuildResult:
    kept = Kept(root, out, Tracker(root / CACHE_DIR, out) if write else None, changed)
    whole: dict[str, BuiltSeller] = {}  # sellers a worker loaded, rendered and written in one go
    # Only for `lapak build` of a whole market over worker processes (not the preview server's
    # rebuilds, which load one seller).
    at_once = write and changed is None and only is None and pool.parallel and not (root / "shop.yaml").is_file()
    if at_once:  # the output folder must be ready before a worker writes in it (else the usual way says why)
        at_once = _prepared(out) is None
    kept.defer = at_once

    def mapper(fn, items):
        items = list(items)
        if not (at_once and len(items) >= POOL_FROM_SELLERS):
            for folder, _, slug, settings, *_ in items:
                if slug in kept.later:
                    kept.inputs[slug] = seller_inputs(folder, out, kept.themes, settings)
            yield from pool.map_if(fn, items, POOL_FROM_SELLERS)
            return
        context = SellerBuild(str(root), str(out), kept.themes, str(root / CACHE_DIR / "cards"),
                              str(root / CACHE_DIR / "photos"))
        _ready_templates(root, items[0][3])  # before the workers start (see there)
        tasks = ((item, context, _state_files(kept, item[2]), item[2] in kept.later) for item in items)
        bar = progress(len(items), "toko")
        for item, (shop, problems, inputs) in zip(items, pool.map_if(build_seller_task, tasks, POOL_FROM_SELLERS,
                                                                      count=len(items))):
            bar.update(1)
            if inputs is not None:
                kept.inputs[item[2]] = inputs
            if isinstance(shop, BuiltSeller):
                whole[shop.slug] = shop
                shop = None  # not in market.shops: nothing is left to do for it
            yield shop, problems
        bar.close()

    memos = root / CACHE_DIR / "products" if write else None  # check writes nothing
    # The preview server saves the memos while it waits for the next edit, not before it reloads.
    market, problems = load_project(root, site_url, mapper, keep=kept, memo_dir=memos, memo_later=changed is not None,
                                    changed=frozenset(kept.changed) if kept.changed is not None else None)
    gc.freeze()  # the models, for the rest of the build (see settled)
    result = BuildResult(problems=list(problems), out=out if write else None, market=market)
    if kept.tracker and changed is None and not market.single_shop and (root / "sellers").is_dir():
        kept.tracker.prune(set(market.seller_slugs), memos)
    if not write and market.shops and not any(s.site_url for s in market.shops):  # said once, by check
        result.problems.append(problem("lapak.yaml" if not market.single_shop else "shop.yaml", None,
                                       "site_url.missing", NOTICE))
    shops = _select(market, only, result)
    shops = _with_themes(root, market, shops, result)
    photos = _process_photos(root, shops, pool if pool.parallel else None, write)
    result.problems.extend(photos.problems)
    if write and not at_once:
        failure = _prepared(out, market.single_shop)
        if failure:
            result.problems.append(failure)
            return result
    done: list[str] = []
    for seller in whole.values():
        if _settle(root, out, market, seller, seller.outcome, kept, result, write):
            done.append(seller.slug)
            result.products += seller.products
    for shop, outcome in _render_shops(market, shops, photos, kept, pool, write):
        if _settle(root, out, market, shop, outcome, kept, result, write):
            done.append(shop.slug)
            result.products += len(shop.products)
    for slug, state in kept.kept.items():
        if only is None or slug == only:
            result.problems.extend(state.problems)
            result.products += state.products
            done.append(slug)
    result.built = sorted(done)
    kept.failed(set(market.seller_slugs) - set(done))
    result.skipped = sorted(set(market.seller_slugs) - set(done)) if not only else sorted({only} - set(done))
    if write and not market.single_shop:
        _write_market(out, market, result, kept, {slug: seller.card for slug, seller in whole.items()}, photos)
    return result


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


def _settle(root: Path, out: Path, market: Market, shop, outcome, kept: Kept, result: BuildResult,
            write: bool) -> bool:
    """Take in how a shop's render and write went (`shop`: a Shop or a BuiltSeller); True when
    it was built. A shop that failed keeps its last output; the others go on."""
    if isinstance(outcome, str):
        result.problems.append(problem(_rel(root, shop.folder, "shop.yaml"), None,
                                       "theme.template", ERROR, detail=outcome))
    elif isinstance(outcome, Problem):
        result.problems.append(outcome)
    else:
        if write:
            _remember(out, market, shop, outcome, kept, result)
        return True
    if kept.tracker:
        kept.tracker.forget(shop.slug)
    return False


def _select(market: Market, only: str | None, result: BuildResult) -> list[Shop]:
    if only is None:
        return list(market.shops)
    chosen = [s for s in market.shops if s.slug == only]
    if not chosen and only not in market.seller_slugs:
        result.problems.append(problem("", None, "build.no_shop", slug=only,
                                       known=", ".join(market.seller_slugs)))
    return chosen


def _with_themes(root: Path, market: Market, shops: list[Shop], result: BuildResult) -> list[tuple[Shop, SiteInfo]]:
    """Resolve each shop's theme; a shop whose theme is broken is skipped with the reason."""
    search = theme_dirs(str(root))
    out = []
    for shop in shops:
        override, own_templates, own_problems = seller_theme(Path(shop.folder), _rel(root, shop.folder),
                                                             market.single_shop)
        result.problems.extend(own_problems)
        try:
            theme = resolve_theme(shop.theme, search)
        except ThemeError as e:
            result.problems.append(replace(e.problem, path=_rel(root, shop.folder, "shop.yaml")))
            continue
        if any(p.is_error for p in own_problems):
            continue
        prefix = "" if market.single_shop else f"{shop.slug}/"
        out.append((shop, SiteInfo(prefix, theme, override, own_templates)))
    return out


def _rel(root: Path, folder: str, name: str = "") -> str:
    rel = os.path.relpath(folder, root)
    rel = "" if rel == "." else Path(rel).as_posix() + "/"
    return rel + name


def _process_photos(root: Path, shops, executor, write: bool) -> ProcessedPhotos:
    requests = [request for shop, _ in shops for request in _photo_requests(root, shop)]
    return process_photos(requests, str(root / CACHE_DIR / "photos"), executor, write=write)


def _photo_requests(root: Path, shop: Shop) -> list[PhotoRequest]:
    """Every photo a shop shows: a product's first photo also makes its link preview, a logo the icons."""
    requests = []

    def ask(photo, og=False, icons=False):
        requests.append(PhotoRequest(shop.folder, photo.path, _rel(root, shop.folder, photo.path), og, icons))
    if shop.logo:
        ask(shop.logo, og=True, icons=True)
    for product in shop.products:
        for i, photo in enumerate(product.photos):
            ask(photo, og=i == 0)
    return requests


def _render_shops(market: Market, shops, photos: ProcessedPhotos, kept: Kept, pool: LazyPool, write: bool):
    """Render and write every shop's changed pages (over the worker processes when there are
    several shops); yield (shop, outcome): {"keys", "stamps", "written"}, or why it failed."""
    header = replace(market, shops=())
    by_folder: dict[str, dict] = {}
    for (folder, path), pic in photos.pictures.items():
        by_folder.setdefault(folder, {})[path] = pic
    cache = str(Path(market.root) / CACHE_DIR / "cards") if write else None  # check writes nothing

    def task(shop: Shop, site: SiteInfo) -> tuple:
        site, card = _shop_site(shop, site, by_folder.get(shop.folder, {}), kept.themes, cache)
        state = kept.states.get(shop.slug)
        fresh = {}
        if state and write and kept.changed is not None:  # the preview server: the output is all ours
            fresh = {rel: key for rel, (key, _, _) in state.files.items()}
        elif state and write:
            fresh = Tracker.intact(kept.target(market, shop.slug), state.files)
        job = _write_job(market, shop, site, photos, card, kept) if write else None
        return header, shop, site, fresh, job

    workers = pool._max_workers if pool.parallel else 1
    # One big shop with (nearly) every page to render (a first build of a single shop, or of a
    # market of one): its pages split over the workers. Never for a rebuild that renders a few.
    first = task(*shops[0]) if len(shops) == 1 else None
    if first and workers > 1 and kept.changed is None and \
            len(first[1].products) >= BATCH_FROM_PRODUCTS and len(first[3]) < len(first[1].products) // 2:
        outcomes = map(lambda task: _render_in_batches(pool, task, workers), [first])
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


@dataclass(frozen=True)
class WriteJob:
    """Where and how a worker writes the shop it rendered (its pages never travel back)."""

    target: str
    files: dict  # besides the pages: path → bytes or cached file (photos, the market's card data)
    keys: dict  # their keys
    atomic: bool  # swap the whole shop in (builds), or replace changed files in place (preview)
    crawl: str | None  # a single shop's site address for robots.txt and sitemap.xml; None in a market
    card: tuple | None = None  # a preview card to draw into foto/ (draw_card's arguments)


def _shop_site(shop: Shop, site: SiteInfo, pictures: dict, themes: str, cache: str | None) -> tuple[SiteInfo, tuple | None]:
    """The shop's site with its pictures and what every page was made from; and, for a shop
    without a single photo, its preview card (see preview_card)."""
    own_theme = tree_signature(site.override) if site.override else ""
    site = replace(site, pictures=pictures, inputs=fingerprint(code_signature(), themes, own_theme))
    card = None
    if not site.pictures:
        card = preview_card(shop, site, cache)
        site = replace(site, card=card[0])
    return site, card


def _write_job(market: Market, shop: Shop, site: SiteInfo, photos: ProcessedPhotos, card, kept: Kept) -> WriteJob:
    photo_files = {name: cached for photo_path in site.pictures
                   for name, cached in photos.files.get((shop.folder, photo_path), {}).items()}
    return _shop_job(shop, photo_files, card, kept.target(market, shop.slug), kept.changed is None,
                     shop.site_url if market.single_shop else None, site.pictures)


def _shop_job(shop: Shop, photo_files: dict, card, target: Path, atomic: bool, crawl: str | None,
              pictures: dict) -> WriteJob:
    files: dict[str, bytes | str] = {}
    keys: dict[str, str] = {}
    data = json.dumps(vars(shop_card(shop, pictures)), sort_keys=True, ensure_ascii=False).encode()
    files[CARD_FILE], keys[CARD_FILE] = data, fingerprint(data)
    for name, cached in photo_files.items():
        files[f"{PHOTO_DIR}/{name}"], keys[f"{PHOTO_DIR}/{name}"] = cached, name
    if card:
        keys[f"{PHOTO_DIR}/{card[0]}"] = card[0]
    return WriteJob(str(target), files, keys, atomic, crawl, card[1] if card else None)


@dataclass(frozen=True)
class SellerBuild:
    """What every worker needs to build a seller whole (see build_seller_task)."""

    root: str
    out: str
    themes: str  # the theme files' signature (Kept.themes)
    cards: str  # the preview cards' cache folder
    photos: str  # the processed photos' cache folder


@dataclass(frozen=True)
class BuiltSeller:
    """A seller a worker loaded, rendered and wrote: what the main process needs of it."""

    slug: str
    folder: str
    products: int
    card: ShopCard  # for the market page
    outcome: dict | Problem | str  # as render_shop_task's


def _state_files(kept: Kept, slug: str) -> dict | None:
    state = kept.states.get(slug)
    return state.files if state else None


def build_seller_task(task: tuple) -> tuple[Shop | BuiltSeller | None, list[Problem], str | None]:
    """Process-pool task: load one seller and, when nothing else is needed first (every photo
    it shows is in the photo cache already, its theme resolves and it has no theme/ of its own
    to check), render and write it right here. The loaded Shop goes back otherwise, to take
    the usual way (photos are processed over every worker, then the render). With
    `read_inputs`, the seller's inputs (see Kept) are read first and sent back too."""
    load, context, state_files, read_inputs = task
    inputs = seller_inputs(load[0], Path(context.out), context.themes, load[3]) if read_inputs else None
    shop, problems = load_seller_task(load)
    if shop is None or (Path(shop.folder) / "theme").exists():
        return shop, problems, inputs
    requests = _photo_requests(Path(context.root), shop)
    photos = cached_photos(requests, context.photos) if requests else ProcessedPhotos({}, {}, [])
    if photos is None:
        return shop, problems, inputs
    try:
        theme = resolve_theme(shop.theme, theme_dirs(context.root))
    except ThemeError:
        return shop, problems, inputs  # said by the usual way, with the shop's file
    market = load[3]  # the settings every seller was loaded with, every seller's slug in them
    pictures = {path: picture for (_, path), picture in photos.pictures.items()}
    site, card = _shop_site(shop, SiteInfo(f"{shop.slug}/", theme), pictures, context.themes, context.cards)
    target = Path(context.out) / shop.slug
    fresh = Tracker.intact(target, state_files) if state_files else {}
    job = _shop_job(shop, {name: cached for files in photos.files.values() for name, cached in files.items()},
                    card, target, True, None, pictures)
    outcome = render_shop_task((market, shop, site, fresh, job))
    return BuiltSeller(shop.slug, shop.folder, len(shop.products), shop_card(shop, pictures), outcome), problems, inputs


def write_shop(outcome: dict, job: WriteJob) -> dict:
    """Write a rendered shop: a fresh folder swapped in whole, or only what changed."""
    keys = dict(outcome["keys"]) | job.keys
    files = dict(outcome["pages"]) | job.files
    if job.card:
        files[f"{PHOTO_DIR}/{job.card[1]}"] = draw_card(*job.card)
    for rel in [k for k, v in files.items() if v == b""]:  # a theme without that file
        del files[rel], keys[rel]
    if job.crawl is not None:
        crawl = crawler_files(job.crawl, [k for k in keys if k.endswith(".html")])
        files |= crawl
        keys |= {k: fingerprint(v) for k, v in crawl.items()}
    target = Path(job.target)
    if target.is_dir() and (target / MANIFEST).is_file():
        written = update_tree(target, files, set(keys), atomic=job.atomic)
    else:
        written = write_tree(target, files)
    return {"keys": keys, "stamps": Tracker.stamp(target, keys), "written": written}


def _remember(out: Path, market: Market, shop: Shop, outcome: dict, kept: Kept, result: BuildResult) -> None:
    """What each file of a shop just written was made from, and its problems to say again."""
    result.written |= outcome["written"]
    if kept.tracker:
        folder = _rel(Path(market.root), shop.folder)
        own = [p for p in result.problems if market.single_shop or p.path.startswith(folder)]
        count = shop.products if isinstance(shop, BuiltSeller) else len(shop.products)
        kept.save(shop.slug, outcome["stamps"], own, count)


def preview_card(shop: Shop, site: SiteInfo, cache: str | None = None) -> tuple[str, tuple]:
    """A 1200×630 card (name and tagline on the shop's colours) for a shop without photos: its
    file name, and what `draw_card` needs to draw it (the worker that writes the shop does)."""
    colors = dict(site.theme.colors) | dict(shop.colors)
    args = (shop.name, shop.tagline or shop.city, colors.get("accent", "#8a3b12"),
            readable_on(colors.get("accent", "#8a3b12")))
    # Named by what is drawn, not by the encoder's bytes, so the name is the same on every machine.
    key = hashlib.sha1(json.dumps(["card-v1", *args]).encode()).hexdigest()[:10]
    name = f"kartu-{key}.jpg"
    return name, (cache, name, args)


def draw_card(cache: str | None, name: str, args: tuple) -> bytes:
    """A preview card's JPEG: drawn once, then read from the cache."""
    return cached_bytes(Path(cache) if cache else None, name, lambda: text_card(*args))


def render_shop_task(task: tuple[Market, Shop, SiteInfo, dict, WriteJob | None]) -> dict | Problem | str:
    """Process-pool task: render one shop and, given a job, write it; or say why it failed (the
    template's error as text, or the write's problem)."""
    market, shop, site, fresh, job = task
    outcome = render_pages_task((market, shop, site, fresh, (0, 1)))
    return outcome if isinstance(outcome, str) else _write_if_asked(outcome, job)


def render_pages_task(task: tuple[Market, Shop, SiteInfo, dict, tuple[int, int]]) -> dict | str:
    """Process-pool task: a shop's pages, or a share of them (see render_shop); a template's
    error as text."""
    from jinja2 import TemplateError  # rendering imports Jinja2 anyway; a no-op build never does

    try:
        with settled(), no_cycles():  # the shop just received; what rendering makes
            return render_shop(*task)
    except TemplateError as e:
        where = f"{getattr(e, 'filename', '') or ''}:{getattr(e, 'lineno', '') or ''}"
        return f"{where} {e}".strip()


def render_shop(market: Market, shop: Shop, site: SiteInfo, fresh: dict | None = None,
                batch: tuple[int, int] = (0, 1)) -> dict:
    """Plain data in and out: {"keys": path → key, "pages": path → bytes}, paths relative to the
    shop's own folder; a page whose key is in `fresh` (its file in the output is up to date)
    is not rendered. `batch` (i, n): only every n-th page, from the i-th, is rendered."""
    fresh = fresh or {}
    keys, pages = {}, {}
    mine, every = batch
    for i, (path, (key, render)) in enumerate(Renderer(market, site, shop).shop_plan().items()):
        rel = path.removeprefix(site.prefix)
        keys[rel] = key
        if fresh.get(rel) != key and i % every == mine:
            pages[rel] = render()
    return {"keys": keys, "pages": pages}


def _render_in_batches(pool: LazyPool, task: tuple, workers: int) -> dict | Problem | str:
    """A big shop rendered by every worker, a share each (the pages travel back), then
    written here in one piece."""
    market, shop, site, fresh, job = task
    parts = list(pool.map(render_pages_task, [(market, shop, site, fresh, (i, workers)) for i in range(workers)]))
    failed = next((part for part in parts if isinstance(part, str)), None)
    if failed:
        return failed
    outcome = {"keys": parts[0]["keys"], "pages": {k: v for part in parts for k, v in part["pages"].items()}}
    return _write_if_asked(outcome, job)


def _write_if_asked(outcome: dict, job: WriteJob | None) -> dict | Problem:
    if job is None:
        return outcome
    try:
        return write_shop(outcome, job)
    except BuildError as e:
        return e.problem


def shop_card(shop: Shop, pictures: dict) -> ShopCard:
    """The market page's view of a shop, with its products for the market-wide search (asked
    for twice a build: for the shop's own card file and for the market page); `pictures`: the
    shop's processed photos (photo path → Picture), for its picture."""
    card = by_identity(_SHOP_CARDS, shop, _shop_card, limit=64)
    image = card_image(shop, pictures)
    if card.image != image:  # kept, so that the same shop and photos give the same card object
        card = replace(card, image=image)
        _SHOP_CARDS[id(shop)] = (shop, card)
    return card


_SHOP_CARDS: dict = {}


def _shop_card(shop: Shop) -> ShopCard:
    def price(p) -> str:
        text = format_money(p.min_price, shop.currency, shop.language)
        return f"{text}+" if text and p.has_price_range else text
    items = tuple((p.name, p.slug, price(p), p.category or "") for p in shop.products)
    return ShopCard(shop.slug, shop.name, shop.tagline, shop.city, len(shop.products), items)


def _cards(out: Path, market: Market, built: set[str], whole: dict[str, ShopCard],
           pictures: dict[str, dict]) -> list[ShopCard]:
    """Market page entries: shops built now from their models (`whole`: the cards of those a
    worker built), the others (kept as built, or skipped for errors) from their last output."""
    cards = []
    loaded = {s.slug: s for s in market.shops}
    for slug in market.seller_slugs:
        if slug in built and (slug in loaded or slug in whole):
            cards.append(shop_card(loaded[slug], pictures.get(loaded[slug].folder, {})) if slug in loaded
                         else whole[slug])
            continue
        card = _read_card(out / slug / CARD_FILE)
        if card:  # else never built successfully: nothing to link to yet
            cards.append(card)
    return cards


_CARD_KEYS: dict = {}


def _card_key(card: ShopCard) -> str:
    """A card's digest (the same card objects from one rebuild of `lapak serve` to the next)."""
    return by_identity(_CARD_KEYS, card, fingerprint, limit=4096)


_READ_CARDS: dict[str, tuple[tuple[int, int], ShopCard]] = {}  # card file → (its size and time, the card)


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


def _write_market(out: Path, market: Market, result: BuildResult, kept: Kept, whole: dict[str, ShopCard],
                  photos: ProcessedPhotos) -> None:
    """The market's own pages, from every shop's card (built now, kept, or skipped for errors);
    neither rendered nor written when what they show is as at the last build."""
    try:
        site = SiteInfo("", resolve_theme(market.theme, theme_dirs(market.root)))
        pictures: dict[str, dict] = {}
        for (folder, path), pic in photos.pictures.items():
            pictures.setdefault(folder, {})[path] = pic
        cards = _cards(out, market, set(result.built), whole, pictures)
        present = set(market.seller_slugs)
        shop_pages = [f"{slug}/{rel}" for slug in sorted(present) for rel in sorted(read_manifest(out / slug))
                      if rel.endswith(".html")] if market.site_url else []  # only the sitemap needs them
        key = fingerprint(code_signature(), kept.themes, site.theme, replace(market, shops=()),
                          [_card_key(card) for card in cards], shop_pages)
        state = kept.tracker.load(MARKET_STATE) if kept.tracker else None
        if state and state.inputs == key and len(Tracker.intact(out, state.files)) == len(state.files):
            return
        pages = Renderer(market, site).market_pages(cards)
        pages |= crawler_files(market.site_url, [p for p in pages if p.endswith(".html")] + shop_pages)
        result.written |= write_root(out, pages, present)
        if kept.tracker:
            kept.tracker.save(MARKET_STATE, ShopState(key, Tracker.stamp(out, dict.fromkeys(pages, key))))
    except (BuildError, ThemeError) as e:
        result.problems.append(e.problem)
    except OSError as e:
        result.problems.append(problem(str(out), None, "build.write_failed", detail=e.strerror or str(e)))
