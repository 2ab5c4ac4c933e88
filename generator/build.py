"""The pipeline: load and validate everything first, then photos, render, write (MkDocs' order).

Parallel work goes through one `concurrent.futures.Executor` seam with plain-data tasks,
so the same tasks can later run on Dask's `Client.get_executor()` or as CI shards.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from jinja2 import TemplateError

from .errors import ERROR, NOTICE, BuildError, Problem, ThemeError, problem
from .images import PhotoRequest, ProcessedPhotos, cached_bytes, process_photos, progress
from .loader import load_project
from .models import Market, Shop, ShopCard
from .money import format_money
from .imagecodec import text_card
from .render import PHOTO_DIR, Renderer, SiteInfo, crawler_files, readable_on
from .themes import resolve_theme, seller_theme, theme_dirs
from .writer import check_output, output_lock, prepare_output, published_files, write_root, write_tree

log = logging.getLogger(__name__)

CACHE_DIR = ".lapak-cache"
CARD_FILE = ".lapak-shop.json"
POOL_FROM_SELLERS = 8  # below this, starting worker processes costs more than it saves


@dataclass
class BuildResult:
    """What a run did: every problem, which shops were built and which were skipped."""

    problems: list[Problem] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    products: int = 0
    out: Path | None = None
    market: Market | None = None

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def make_executor(jobs: int | None, work_items: int) -> Executor | None:
    """A process pool when there is enough work for more than one core, else None (inline)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or work_items < 4:
        return None
    return ProcessPoolExecutor(max_workers=min(jobs, work_items))


def build(root: Path, out: Path | None = None, only: str | None = None, jobs: int | None = None,
          write: bool = True, site_url: str | None = None) -> BuildResult:
    """Build (or with write=False, only check) the market or single shop in `root`."""
    root = root.resolve()
    out = (out or root / "output").resolve()
    if not write:
        return _build(root, out, only, jobs, write, site_url)
    check_output(root, out)
    # Held from the start so a second build on the same output stops at once, not after its work.
    with output_lock(out, single_shop=(root / "shop.yaml").is_file()):
        return _build(root, out, only, jobs, write, site_url)


def _build(root: Path, out: Path, only: str | None, jobs: int | None, write: bool,
           site_url: str | None = None) -> BuildResult:
    pool = make_executor(jobs, _seller_folders(root)) if _seller_folders(root) >= POOL_FROM_SELLERS else None
    try:
        return _build_with(root, out, only, jobs, write, site_url, pool)
    finally:
        if pool:
            pool.shutdown()


def _seller_folders(root: Path) -> int:
    try:
        return len(os.listdir(root / "sellers"))
    except OSError:
        return 0


def _build_with(root: Path, out: Path, only: str | None, jobs: int | None, write: bool,
                site_url: str | None, pool: Executor | None) -> BuildResult:
    mapper = (lambda fn, items: pool.map(fn, items, chunksize=4)) if pool else map
    market, problems = load_project(root, site_url, mapper)
    result = BuildResult(problems=list(problems), out=out if write else None, market=market)
    if not write and market.shops and not any(s.site_url for s in market.shops):  # said once, by check
        result.problems.append(problem("lapak.yaml" if not market.single_shop else "shop.yaml", None,
                                       "site_url.missing", NOTICE))
    shops = _select(market, only, result)
    shops = _with_themes(root, market, shops, result)
    executor = pool or make_executor(jobs, sum(len(s.products) for s, _ in shops))
    try:
        photos = _process_photos(root, shops, executor, write)
        result.problems.extend(photos.problems)
        rendered = _render_shops(market, shops, photos, result, executor, write)
    finally:
        if executor and executor is not pool:
            executor.shutdown()
    if write:
        _write(out, market, rendered, result)
    result.built = sorted(rendered)
    result.skipped = sorted(set(market.seller_slugs) - set(rendered)) if not only else \
        sorted({only} - set(rendered))
    result.products = sum(len(s.products) for s, _ in shops if s.slug in rendered)
    return result


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
    """Ask for every photo: a product's first photo also makes its link preview, a logo the icons."""
    requests = []
    for shop, _ in shops:
        def ask(photo, og=False, icons=False):
            requests.append(PhotoRequest(shop.folder, photo.path, _rel(root, shop.folder, photo.path), og, icons))
        if shop.logo:
            ask(shop.logo, og=True, icons=True)
        for product in shop.products:
            for i, photo in enumerate(product.photos):
                ask(photo, og=i == 0)
    return process_photos(requests, str(root / CACHE_DIR / "photos"), executor, write=write)


def _render_shops(market: Market, shops, photos: ProcessedPhotos, result: BuildResult,
                  executor: Executor | None, write: bool = True) -> dict[str, dict]:
    """Render every shop's pages (in parallel when there is an executor); a shop whose
    templates fail is skipped with the reason."""
    header = replace(market, shops=())
    by_folder: dict[str, dict] = {}
    for (folder, path), pic in photos.pictures.items():
        by_folder.setdefault(folder, {})[path] = pic
    sites = [replace(site, pictures=by_folder.get(shop.folder, {})) for shop, site in shops]
    cache = Path(market.root) / CACHE_DIR / "cards" if write else None  # check writes nothing
    cards = {shop.slug: preview_card(shop, site, cache) for (shop, _), site in zip(shops, sites)
             if not site.pictures}
    sites = [replace(site, card=cards[shop.slug][0]) if shop.slug in cards else site
             for (shop, _), site in zip(shops, sites)]
    tasks = [(header, shop, site) for (shop, _), site in zip(shops, sites)]
    outcomes = executor.map(render_shop_task, tasks, chunksize=8) if executor else map(render_shop_task, tasks)
    rendered = {}
    bar = progress(len(tasks), "toko")
    for (shop, _), site, outcome in zip(shops, sites, outcomes):
        bar.set_postfix_str(shop.slug)  # which seller is being built, for a trainer watching
        bar.update(1)
        pictures = site.pictures
        if isinstance(outcome, str):
            result.problems.append(problem(_rel(Path(market.root), shop.folder, "shop.yaml"), None,
                                           "theme.template", ERROR, detail=outcome))
            continue
        pages = outcome
        files: dict[str, bytes | str] = {path.removeprefix(site.prefix): html for path, html in pages.items()}
        files[CARD_FILE] = json.dumps(asdict(shop_card(shop)), sort_keys=True, ensure_ascii=False).encode()
        for photo_path in pictures:
            for name, cached in photos.files.get((shop.folder, photo_path), {}).items():
                files[f"{PHOTO_DIR}/{name}"] = cached
        if shop.slug in cards:
            name, data = cards[shop.slug]
            files[f"{PHOTO_DIR}/{name}"] = data
        rendered[shop.slug] = (shop, site, files)
    bar.close()
    return rendered


def preview_card(shop: Shop, site: SiteInfo, cache: Path | None = None) -> tuple[str, bytes]:
    """A drawn 1200×630 card (name and tagline on the shop's colours) for a shop without photos,
    drawn once and then read from the cache."""
    colors = dict(site.theme.colors) | dict(shop.colors)
    args = (shop.name, shop.tagline or shop.city, colors.get("accent", "#8a3b12"),
            readable_on(colors.get("accent", "#8a3b12")))
    # Named by what is drawn, not by the encoder's bytes, so the name is the same on every machine.
    key = hashlib.sha1(json.dumps(["card-v1", *args]).encode()).hexdigest()[:10]
    name = f"kartu-{key}.jpg"
    return name, cached_bytes(cache, name, lambda: text_card(*args))


def render_shop_task(task: tuple[Market, Shop, SiteInfo]) -> dict[str, bytes] | str:
    """Process-pool task: render one shop, or say (as text) why its templates failed."""
    try:
        return render_shop(*task)
    except TemplateError as e:
        where = f"{getattr(e, 'filename', '') or ''}:{getattr(e, 'lineno', '') or ''}"
        return f"{where} {e}".strip()


def render_shop(market: Market, shop: Shop, site: SiteInfo) -> dict[str, bytes]:
    """Plain data in, page bytes out: the task a process pool or a cluster can run."""
    renderer = Renderer(market, site, shop)
    pages = renderer.shop_pages()
    if market.single_shop:
        pages.update(renderer.not_found_page())
        pages.update(renderer.cart_files())
    return pages


def shop_card(shop: Shop) -> ShopCard:
    """The market page's view of a shop, with its products for the market-wide search."""
    def price(p) -> str:
        text = format_money(p.min_price, shop.currency, shop.language)
        return f"{text}+" if text and p.has_price_range else text
    items = tuple((p.name, p.slug, price(p), p.category or "") for p in shop.products)
    return ShopCard(shop.slug, shop.name, shop.tagline, shop.city, len(shop.products), items)


def _cards(out: Path, market: Market, rendered: dict) -> list[ShopCard]:
    """Market page entries: built shops from their models, the others from their last output."""
    cards = []
    for slug in market.seller_slugs:
        if slug in rendered:
            cards.append(shop_card(rendered[slug][0]))
            continue
        try:
            data = json.loads((out / slug / CARD_FILE).read_text(encoding="utf-8"))
            data["items"] = tuple(tuple(item) for item in data.get("items", ()))
            cards.append(ShopCard(**data))
        except (OSError, ValueError, TypeError):
            continue  # never built successfully: nothing to link to yet
    return cards


def _write(out: Path, market: Market, rendered: dict, result: BuildResult) -> None:
    try:
        prepare_output(out, market.single_shop)
        if market.single_shop:
            for shop, site, files in rendered.values():
                files = {k: v for k, v in files.items() if v != b""}
                files |= crawler_files(shop.site_url, [k for k in files if k.endswith(".html")])
                write_tree(out, files)
            return
        out.mkdir(parents=True, exist_ok=True)
        for slug, (shop, site, files) in sorted(rendered.items()):
            try:
                write_tree(out / slug, {k: v for k, v in files.items() if v != b""})
            except BuildError as e:  # this shop keeps its last output; the others and the market go on
                result.problems.append(e.problem)
                del rendered[slug]
        site = SiteInfo("", resolve_theme(market.theme, theme_dirs(market.root)))
        pages = Renderer(market, site).market_pages(_cards(out, market, rendered))
        shop_pages = [p for p in published_files(out) if p.endswith(".html") and "/" in p]
        pages |= crawler_files(market.site_url, [p for p in pages if p.endswith(".html")] + shop_pages)
        write_root(out, pages, set(market.seller_slugs))
    except (BuildError, ThemeError) as e:
        result.problems.append(e.problem)
    except OSError as e:
        result.problems.append(problem(str(out), None, "build.write_failed", detail=e.strerror or str(e)))
