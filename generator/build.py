"""The pipeline: load and validate everything first, then photos, render, write (MkDocs' order).

Parallel work goes through one `concurrent.futures.Executor` seam with plain-data tasks,
so the same tasks can later run on Dask's `Client.get_executor()` or as CI shards.
"""
from __future__ import annotations

import json
import logging
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from jinja2 import TemplateError

from .errors import ERROR, BuildError, Problem, ThemeError, problem
from .images import ProcessedPhotos, process_photos
from .loader import load_project
from .models import Market, Shop, ShopCard
from .render import PHOTO_DIR, Renderer, SiteInfo
from .themes import resolve_theme, seller_theme, theme_dirs
from .writer import check_output, output_lock, prepare_output, write_root, write_tree

log = logging.getLogger(__name__)

CACHE_DIR = ".lapak-cache"
CARD_FILE = ".lapak-shop.json"


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
          write: bool = True) -> BuildResult:
    """Build (or with write=False, only check) the market or single shop in `root`."""
    root = root.resolve()
    out = (out or root / "output").resolve()
    if not write:
        return _build(root, out, only, jobs, write)
    check_output(root, out)
    # Held from the start so a second build on the same output stops at once, not after its work.
    with output_lock(out, single_shop=(root / "shop.yaml").is_file()):
        return _build(root, out, only, jobs, write)


def _build(root: Path, out: Path, only: str | None, jobs: int | None, write: bool) -> BuildResult:
    market, problems = load_project(root)
    result = BuildResult(problems=list(problems), out=out if write else None, market=market)
    shops = _select(market, only, result)
    shops = _with_themes(root, market, shops, result)
    executor = make_executor(jobs, sum(len(s.products) for s, _ in shops))
    try:
        photos = _process_photos(root, shops, executor, write)
        result.problems.extend(photos.problems)
        rendered = _render_shops(market, shops, photos, result)
    finally:
        if executor:
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
    requests = []
    for shop, _ in shops:
        photos = [shop.logo] if shop.logo else []
        photos += [ph for p in shop.products for ph in p.photos]
        requests += [(shop.folder, ph.path, _rel(root, shop.folder, ph.path)) for ph in photos]
    cache = str(root / CACHE_DIR / "photos") if write else None
    return process_photos(requests, cache, executor)


def _render_shops(market: Market, shops, photos: ProcessedPhotos, result: BuildResult) -> dict[str, dict]:
    """Render every shop's pages; a shop whose templates fail is skipped with the reason."""
    header = replace(market, shops=())
    rendered = {}
    for shop, site in shops:
        pictures = {path: pic for (folder, path), pic in photos.pictures.items() if folder == shop.folder}
        site = replace(site, pictures=pictures)
        try:
            pages = render_shop(header, shop, site)
        except TemplateError as e:
            where = f"{getattr(e, 'filename', '') or ''}:{getattr(e, 'lineno', '') or ''}"
            result.problems.append(problem(_rel(Path(market.root), shop.folder, "shop.yaml"), None,
                                           "theme.template", ERROR, detail=f"{where} {e}".strip()))
            continue
        files: dict[str, bytes | str] = {path.removeprefix(site.prefix): html for path, html in pages.items()}
        files[CARD_FILE] = json.dumps(asdict(ShopCard.of(shop)), sort_keys=True, ensure_ascii=False).encode()
        for photo_path, pic in pictures.items():
            files[f"{PHOTO_DIR}/{pic.file}"] = photos.files.get((shop.folder, photo_path), b"")
        rendered[shop.slug] = (shop, site, files)
    return rendered


def render_shop(market: Market, shop: Shop, site: SiteInfo) -> dict[str, bytes]:
    """Plain data in, page bytes out: the task a process pool or a cluster can run."""
    renderer = Renderer(market, site, shop)
    pages = renderer.shop_pages()
    if market.single_shop:
        pages.update(renderer.not_found_page())
    return pages


def _cards(out: Path, market: Market, rendered: dict) -> list[ShopCard]:
    """Market page entries: built shops from their models, the others from their last output."""
    cards = []
    for slug in market.seller_slugs:
        if slug in rendered:
            cards.append(ShopCard.of(rendered[slug][0]))
            continue
        try:
            cards.append(ShopCard(**json.loads((out / slug / CARD_FILE).read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue  # never built successfully: nothing to link to yet
    return cards


def _write(out: Path, market: Market, rendered: dict, result: BuildResult) -> None:
    try:
        prepare_output(out, market.single_shop)
        if market.single_shop:
            for shop, site, files in rendered.values():
                write_tree(out, {k: v for k, v in files.items() if v != b""})
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
        write_root(out, pages, set(market.seller_slugs))
    except (BuildError, ThemeError) as e:
        result.problems.append(e.problem)
    except OSError as e:
        result.problems.append(problem(str(out), None, "build.write_failed", detail=e.strerror or str(e)))
