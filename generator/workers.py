"""What a build hands to its worker processes: the pool, and each task and its result as a
small frozen dataclass (plain data in and out, so the same tasks could run on another
`concurrent.futures.Executor`, e.g. Dask's, or as CI shards).

Three tasks:
- `load_seller_task` (loader.py): a seller's folder → its Shop and problems;
- `build_seller_task`: a seller loaded, rendered and written in the one worker, when nothing
  else is needed first (every photo it shows is in the photo cache, its theme resolves, it
  has no theme/ of its own); else its Shop goes back to take the usual way;
- `render_shop_task`: a loaded shop's changed pages rendered, and written when asked.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from generator.core import caches
from generator.core.errors import BuildError, Problem, ThemeError, problem
from generator.core.fingerprints import by_identity, code_signature, fingerprint, tree_signature
from generator.core.models import Market, Shop, ShopCard, SiteInfo, Theme
from generator.core.money import price_text
from generator.load.loader import Loaded, LoadTask, load_seller_task
from generator.output.incremental import Health, Tracker, seller_inputs, shop_health
from generator.output.writer import MANIFEST, update_tree, write_file, write_tree
from generator.photos.imagecodec import text_card
from generator.photos.images import PhotoRequest, ProcessedPhotos, cached_bytes, cached_photos
from generator.render.pages import PHOTO_DIR, Renderer, card_image, crawler_files, readable_on
from generator.render.themes import resolve_theme, theme_dirs


class Workers(Executor):
    """Worker processes, started on the first task that needs them: a rebuild that loads and
    renders one shop, or none, never pays for starting them."""

    def __init__(self, jobs: int | None):
        self.count = jobs or os.cpu_count() or 1
        self._pool: Executor | None = None

    @property
    def parallel(self) -> bool:
        return self.count > 1

    def submit(self, fn, /, *args, **kwargs):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor  # ~25 ms to import: a no-op build needs none

            self._pool = ProcessPoolExecutor(max_workers=self.count)
        return self._pool.submit(fn, *args, **kwargs)

    def map_if(self, fn: Callable, items: Iterable, minimum: int, count: int | None = None) -> Iterator:
        """`map` over the workers when there are at least `minimum` items, else right here.
        Items go out a few at a time (fewer messages) but in small enough batches that no
        worker is left with a long tail while the other waits (10 sellers: one at a time).
        `items` may be an iterator of `count` items, each made only when it is sent."""
        count = len(items) if count is None else count  # type: ignore[arg-type]
        if self.parallel and count >= minimum:
            return self.map(fn, items, chunksize=max(1, count // (8 * self.count)))
        return map(fn, items)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)
            self._pool = None


class DaskWorkers(Workers):
    """The same tasks on a Dask distributed cluster (`lapak build --dask ADDRESS`), through its
    `concurrent.futures` executor. Every worker must see the market folder and the output folder
    at the same paths (shared storage) and run the same Lapak: checked first, on each worker."""

    def __init__(self, address: str, root: Path, out: Path):
        try:
            from distributed import Client  # only with --dask: an optional extra (lapak[dask])
        except ImportError:
            raise BuildError(problem("", None, "dask.missing")) from None
        try:
            self.client = Client(address, timeout="20s")
        except Exception as e:  # noqa: BLE001 - any failure to reach it is said the same way
            raise BuildError(problem("", None, "dask.no_scheduler", address=address, detail=str(e))) from None
        try:
            threads = sum(self.client.nthreads().values())
            if not threads:
                raise BuildError(problem("", None, "dask.no_workers", address=address))
            try:
                answers = self.client.run(worker_ready, str(root), str(out), _version())
            except Exception as e:  # noqa: BLE001 - a worker that cannot even run Lapak's check
                raise BuildError(problem("", None, "dask.no_lapak", detail=str(e) or type(e).__name__)) from None
            for worker, answer in sorted(answers.items()):
                if answer:
                    code, params = answer
                    raise BuildError(problem("", None, code, worker=worker, **params))
        except BuildError:
            self.client.close()
            raise
        super().__init__(max(2, threads))  # always "parallel": the work is meant for the cluster
        # pure=False: two tasks with the same arguments are still two tasks (never merged).
        self._pool = self.client.get_executor(pure=False)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._pool = None
        self.client.close()


def _version() -> str:
    from generator import __version__

    return __version__


def worker_ready(root: str, out: str, version: str) -> tuple[str, dict] | None:
    """Run on each Dask worker before a build: None when it runs this Lapak's version, sees
    the market at `root` and can write the output and the cache folder; else why not (a
    message code and its values)."""
    if _version() != version:
        return "dask.version", {"theirs": _version(), "ours": version}
    if not (Path(root, "sellers").is_dir() or Path(root, "shop.yaml").is_file()):
        return "dask.no_market", {"folder": root}
    for folder in (Path(out), Path(root) / ".lapak-cache"):
        existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if existing is None or not os.access(existing, os.W_OK | os.X_OK):
            return "dask.no_write", {"folder": str(folder)}
    return None


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


# -- what travels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WriteJob:
    """Where and how a worker writes the shop it rendered (its pages never travel back)."""

    target: str
    files: dict  # besides the pages: path → bytes or cached file (photos, the market's card data)
    keys: dict  # their keys
    atomic: bool  # swap the whole shop in (builds), or replace changed files in place (preview)
    crawl: str | None  # a single shop's site address for robots.txt and sitemap.xml; None in a market
    card: tuple | None = None  # a preview card to draw into foto/ (draw_card's arguments)
    # The shop's card for the market page (its texts, kept so a skipped shop stays listed) and
    # where it goes: the build's cache, never the published output. None for a single shop.
    shop_card: tuple[str, bytes] | None = None


@dataclass(frozen=True)
class RenderTask:
    """A loaded shop to render (its pages whose key is in `fresh` are up to date in the output),
    and to write when there is a job; `batch` (i, n): only every n-th page, from the i-th."""

    market: Market  # the market's settings, without its shops
    shop: Shop
    site: SiteInfo
    fresh: dict[str, str]
    job: WriteJob | None = None
    batch: tuple[int, int] = (0, 1)


@dataclass(frozen=True)
class Rendered:
    """A shop's pages (paths relative to its own folder) and what each was made from."""

    keys: dict[str, str]
    pages: dict[str, bytes]


@dataclass(frozen=True)
class Written:
    """A shop written: what each file was made from, their stamps, and whether a byte changed."""

    keys: dict[str, str]
    stamps: dict
    written: bool


@dataclass(frozen=True)
class Failed:
    """Why a shop was not rendered or written: a template's error ("file:line message"), or a
    problem of the write."""

    template_error: str = ""
    problem: Problem | None = None


Outcome = Rendered | Written | Failed


@dataclass(frozen=True)
class SellerBuild:
    """What every worker needs to build a seller whole (see build_seller_task)."""

    root: str
    out: str
    themes: str  # the theme files' signature (Kept.themes)
    cards: str  # the preview cards' cache folder
    photos: str  # the processed photos' cache folder
    write: bool = True  # False for `lapak check`: rendered to find what fails, then dropped


@dataclass(frozen=True)
class SellerTask:
    """A seller to load, and to build whole when nothing else is needed first."""

    load: LoadTask
    context: SellerBuild
    state_files: dict | None  # its files as at its last build, if any
    read_inputs: bool  # never built into this output: its inputs (see Kept) read here first
    card_path: str | None = None  # where its card for the market page is kept (see WriteJob.shop_card)


@dataclass(frozen=True)
class BuiltSeller:
    """A seller a worker loaded, rendered and wrote: what the main process needs of it."""

    slug: str
    folder: str
    products: int
    card: ShopCard  # for the market page
    outcome: Outcome
    health: Health | None = None  # what `lapak check` would report of it


@dataclass(frozen=True)
class SellerDone:
    """What came of a SellerTask: the seller built whole, or its Shop for the usual way
    (None when it did not load), its problems and inputs."""

    loaded: Loaded
    built: BuiltSeller | None = None
    inputs: str | None = None


# -- the tasks ---------------------------------------------------------------------------------


def build_seller_task(task: SellerTask) -> SellerDone:
    """Worker task: load one seller and, when nothing else is needed first, render and write it
    right here (see the module's docstring). Only ever run in a worker process, which sees each
    seller once a build: what it remembered of this one (its products, cards, pages' keys) is
    dropped after it, so that a worker's memory does not grow with the market."""
    try:
        return _build_seller(task)
    finally:
        caches.clear("seller")


def _build_seller(task: SellerTask) -> SellerDone:
    load, context = task.load, task.context
    inputs = seller_inputs(load.folder, Path(context.out), context.themes, load.market) if task.read_inputs else None
    loaded = load_seller_task(load)
    shop = loaded.shop
    if shop is None or (Path(shop.folder) / "theme").exists():
        return SellerDone(loaded, None, inputs)
    requests = photo_requests(Path(context.root), shop)
    photos = cached_photos(requests, context.photos) if requests else ProcessedPhotos({}, {}, [])
    if photos is None:
        return SellerDone(loaded, None, inputs)
    try:
        theme = _resolved_theme(shop.theme, context.root, context.themes)
    except ThemeError:
        return SellerDone(loaded, None, inputs)  # said by the usual way, with the shop's file
    pictures = {path: picture for (_, path), picture in photos.pictures.items()}
    cards = context.cards if context.write else None  # a check writes no card
    site, card = shop_site(shop, SiteInfo(f"{shop.slug}/", theme), pictures, context.themes, cards)
    if not context.write:
        rendered = render_pages_task(RenderTask(load.market, shop, site, {}))
        outcome: Outcome = Rendered(rendered.keys, {}) if isinstance(rendered, Rendered) else rendered
        built = BuiltSeller(shop.slug, shop.folder, len(shop.products), shop_card(shop, pictures), outcome)
        return SellerDone(Loaded(None, loaded.problems), replace(built, health=shop_health(shop)), inputs)
    target = Path(context.out) / shop.slug
    fresh = Tracker.intact(target, task.state_files) if task.state_files else {}
    job = shop_job(
        shop,
        {name: cached for files in photos.files.values() for name, cached in files.items()},
        card,
        target,
        True,
        None,
        pictures,
        task.card_path,
    )
    outcome = render_shop_task(RenderTask(load.market, shop, site, fresh, job))
    built = BuiltSeller(
        shop.slug, shop.folder, len(shop.products), shop_card(shop, pictures), outcome, shop_health(shop)
    )
    return SellerDone(Loaded(None, loaded.problems), built, inputs)


@caches.memoize(maxsize=64, group="templates")
def _resolved_theme(name: str, root: str, themes: str) -> Theme:
    """resolve_theme, once per theme a worker process meets while the theme files are as their
    signature `themes` says (a worker builds thousands of shops with the same few themes)."""
    return resolve_theme(name, theme_dirs(root))


def render_shop_task(task: RenderTask) -> Outcome:
    """Worker task: render one shop and, given a job, write it; or say why it failed."""
    outcome = render_pages_task(task)
    return outcome if isinstance(outcome, Failed) else write_if_asked(outcome, task.job)


def render_pages_task(task: RenderTask) -> Rendered | Failed:
    """Worker task: a shop's pages, or a share of them (see render_shop)."""
    from jinja2 import TemplateError  # rendering imports Jinja2 anyway; a no-op build never does

    try:
        with settled(), no_cycles():  # the shop just received; what rendering makes
            return render_shop(task.market, task.shop, task.site, task.fresh, task.batch)
    except TemplateError as e:
        where = f"{getattr(e, 'filename', '') or ''}:{getattr(e, 'lineno', '') or ''}"
        return Failed(template_error=f"{where} {e}".strip())


def render_shop(
    market: Market, shop: Shop, site: SiteInfo, fresh: dict | None = None, batch: tuple[int, int] = (0, 1)
) -> Rendered:
    """A shop's pages, paths relative to its own folder; a page whose key is in `fresh` (its
    file in the output is up to date) is not rendered."""
    fresh = fresh or {}
    keys, pages = {}, {}
    mine, every = batch
    for i, (path, (key, render)) in enumerate(Renderer(market, site, shop).shop_plan().items()):
        rel = path.removeprefix(site.prefix)
        keys[rel] = key
        if fresh.get(rel) != key and i % every == mine:
            pages[rel] = render()
    return Rendered(keys, pages)


def render_in_batches(pool: Workers, task: RenderTask) -> Outcome:
    """A big shop rendered by every worker, a share each (the pages travel back), then
    written here in one piece."""
    shares = [replace(task, job=None, batch=(i, pool.count)) for i in range(pool.count)]
    parts = list(pool.map(render_pages_task, shares))
    failed = next((part for part in parts if isinstance(part, Failed)), None)
    if failed:
        return failed
    pages = {k: v for part in parts for k, v in part.pages.items()}  # type: ignore[union-attr]
    return write_if_asked(Rendered(parts[0].keys, pages), task.job)  # type: ignore[union-attr]


def write_if_asked(rendered: Rendered, job: WriteJob | None) -> Rendered | Written | Failed:
    if job is None:
        return rendered
    try:
        return write_shop(rendered, job)
    except BuildError as e:
        return Failed(problem=e.problem)


def write_shop(rendered: Rendered, job: WriteJob) -> Written:
    """Write a rendered shop: a fresh folder swapped in whole, or only what changed."""
    keys = dict(rendered.keys) | job.keys
    files = dict(rendered.pages) | job.files
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
    if job.shop_card:  # after the shop is in place: the card never lists pages not written yet
        try:
            write_file(Path(job.shop_card[0]), job.shop_card[1])
        except OSError as e:
            raise BuildError(problem(job.shop_card[0], None, "build.write_failed", detail=e.strerror or str(e))) from e
    return Written(keys, Tracker.stamp(target, keys), written)


# -- a shop's parts, made where it is rendered -------------------------------------------------


def photo_requests(root: Path, shop: Shop) -> list[PhotoRequest]:
    """Every photo a shop shows: a product's first photo also makes its link preview, a logo the icons."""
    requests = []

    def ask(photo, og=False, icons=False):
        requests.append(PhotoRequest(shop.folder, photo.path, rel_path(root, shop.folder, photo.path), og, icons))

    if shop.logo:
        ask(shop.logo, og=True, icons=True)
    for product in shop.products:
        for i, photo in enumerate(product.photos):
            ask(photo, og=i == 0)
    return requests


def rel_path(root: Path, folder: str, name: str = "") -> str:
    """A seller's file as problems name it: relative to the project, with posix separators."""
    rel = os.path.relpath(folder, root)
    rel = "" if rel == "." else Path(rel).as_posix() + "/"
    return rel + name


def shop_site(
    shop: Shop, site: SiteInfo, pictures: dict, themes: str, cache: str | None
) -> tuple[SiteInfo, tuple | None]:
    """The shop's site with its pictures and what every page was made from; and, for a shop
    without a single photo, its preview card (see preview_card)."""
    own_theme = tree_signature(site.override) if site.override else ""
    site = replace(site, pictures=pictures, inputs=fingerprint(code_signature(), themes, own_theme))
    card = None
    if not site.pictures:
        card = preview_card(shop, site, cache)
        site = replace(site, card=card[0])
    return site, card


def shop_job(
    shop: Shop,
    photo_files: dict,
    card,
    target: Path,
    atomic: bool,
    crawl: str | None,
    pictures: dict,
    card_path: str | None = None,
) -> WriteJob:
    """How a shop is written: its photos, its card for the market page, where, and how."""
    files: dict[str, bytes | str] = {}
    keys: dict[str, str] = {}
    for name, cached in photo_files.items():
        files[f"{PHOTO_DIR}/{name}"], keys[f"{PHOTO_DIR}/{name}"] = cached, name
    if card:
        keys[f"{PHOTO_DIR}/{card[0]}"] = card[0]
    own = None
    if card_path is not None:
        own = (card_path, json.dumps(vars(shop_card(shop, pictures)), sort_keys=True, ensure_ascii=False).encode())
    return WriteJob(str(target), files, keys, atomic, crawl, card[1] if card else None, own)


def preview_card(shop: Shop, site: SiteInfo, cache: str | None = None) -> tuple[str, tuple]:
    """A 1200×630 card (name and tagline on the shop's colours) for a shop without photos: its
    file name, and what `draw_card` needs to draw it (the worker that writes the shop does)."""
    colors = dict(site.theme.colors) | dict(shop.colors)
    args = (
        shop.name,
        shop.tagline or shop.city,
        colors.get("accent", "#8a3b12"),
        readable_on(colors.get("accent", "#8a3b12")),
    )
    # Named by what is drawn, not by the encoder's bytes, so the name is the same on every machine.
    key = hashlib.sha1(json.dumps(["card-v3", *args]).encode()).hexdigest()[:10]
    name = f"kartu-{key}.jpg"
    return name, (cache, name, args)


def draw_card(cache: str | None, name: str, args: tuple) -> bytes:
    """A preview card's JPEG: drawn once, then read from the cache."""
    return cached_bytes(Path(cache) if cache else None, name, lambda: text_card(*args))


def shop_card(shop: Shop, pictures: dict) -> ShopCard:
    """The market page's view of a shop, with its products for the market-wide search (asked
    for twice a build: for the shop's own card file and for the market page); `pictures`: the
    shop's processed photos (photo path → Picture), for its picture."""
    card = by_identity(_SHOP_CARDS, shop, _shop_card, limit=64)
    image = card_image(shop, pictures)
    items = tuple((*item[:4], _thumb(p, pictures)) for item, p in zip(card.items, shop.products, strict=True))
    if card.image != image or card.items != items:  # kept: the same shop and photos, the same card object
        card = replace(card, image=image, items=items)
        _SHOP_CARDS[id(shop)] = (shop, card)
    return card


def _thumb(product, pictures: dict) -> str:
    """A product's smallest photo file (for the market search's results), "" when it has none."""
    for photo in product.photos:
        pic = pictures.get(photo.path)
        if pic:
            return f"{PHOTO_DIR}/{pic.sources[0][0] if pic.sources else pic.file}"
    return ""


_SHOP_CARDS: dict = caches.table("workers.shop_cards", "seller")


def _shop_card(shop: Shop) -> ShopCard:
    def price(p) -> str:
        text = price_text(p.min_price, shop.currency, shop.language, p.unit)
        return f"{text}+" if text and p.has_price_range else text

    items = tuple((p.name, p.slug, price(p), p.category or "") for p in shop.products)
    return ShopCard(shop.slug, shop.name, shop.tagline, shop.city, len(shop.products), items)
