"""The programme's funnel and each seller's to-do, from a checked market (`lapak report`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from generator.build import POOL_FROM_SELLERS
from generator.core.errors import BuildError, Problem, problem
from generator.core.messages import render_message
from generator.core.models import Market
from generator.health import SellerHealth, seller_health
from generator.load.changes import seller_changes
from generator.load.loader import load_seller_task, read_market
from generator.load.values import slugify
from generator.workers import Workers, settled

# The funnel's steps, in order; each seller passes a first run of them (never a later one alone).
STEPS = (
    "seller_folders",
    "shops_build",
    "three_products",
    "photos_and_prices",
    "changed_30_days",
    "changed_7_days",  # only when the market's history is in git (file times are not a history)
)
MIN_PRODUCTS = 3
RECENT_DAYS, THIS_WEEK_DAYS = 30, 7
CHART_WEEKS = 26


@dataclass(frozen=True)
class SellerLine:
    slug: str
    name: str
    last_change: date | None
    products: int
    with_photo: int
    with_price: int
    errors: int
    warnings: int
    todo: tuple[str, ...]
    steps: int  # how many funnel steps this seller passes (1 to len(report.steps))


@dataclass(frozen=True)
class FunnelReport:
    market: str
    today: date
    steps: tuple[tuple[str, int], ...]  # (step, sellers that pass it), in STEPS order
    sellers: tuple[SellerLine, ...]  # those needing a visit first
    weeks: tuple[tuple[date, int], ...]  # (Monday, sellers with a change that week), git only
    from_git: bool


def load_market(root: Path, jobs: int | None = None) -> tuple[Market, list[Problem]]:
    """Every seller loaded and checked as `lapak check` does (over the worker processes for a
    big market), but no page rendered: the report needs only the shops and their problems."""
    root = root.resolve()
    if not (root / "shop.yaml").is_file() and not (root / "sellers").is_dir():
        raise BuildError(problem("", None, "build.no_market", folder=str(root)))
    market, tasks, problems = read_market(root)
    shops = []
    with Workers(jobs) as pool, settled():
        # In a few large batches: one message per seller would cost more than loading it.
        size = max(POOL_FROM_SELLERS, len(tasks) // (4 * pool.count) + 1)
        batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
        for batch in pool.map_if(_load_batch, batches, minimum=2):
            for loaded in batch:
                problems.extend(loaded.problems)
                if loaded.shop:
                    shops.append(loaded.shop)
    return replace(market, shops=tuple(shops)), problems


def _load_batch(tasks: list) -> list:
    """Worker task: a few sellers loaded one after the other."""
    return [load_seller_task(task) for task in tasks]


def funnel_report(
    root: Path, market: Market, problems: list[Problem], lang: str = "id", today: date | None = None
) -> FunnelReport:
    """The funnel, every seller's line and the weekly activity of a market (see `load_market`)."""
    today = today or date.today()
    changes = seller_changes(root, market)
    names = {s.slug: s.name for s in market.shops}
    steps = STEPS if changes.from_git else STEPS[:-1]
    lines = []
    for row in _health(market, problems):
        last = changes.last.get(row.slug)
        passed = _steps_passed(row, last, today, len(steps))
        lines.append(
            SellerLine(
                row.slug,
                names.get(row.slug, row.slug),
                last,
                row.products or 0,
                (row.products or 0) - (row.without_photo or 0),
                (row.products or 0) - (row.without_price or 0),
                row.errors,
                row.warnings,
                tuple(_todo(row, last, today, lang)),
                passed,
            )
        )
    lines.sort(key=_need)
    counts = tuple((step, sum(1 for s in lines if s.steps > i)) for i, step in enumerate(steps))
    weeks = _weekly(changes.weeks, today) if changes.from_git else ()
    return FunnelReport(market.name, today, counts, tuple(lines), weeks, changes.from_git)


def _health(market: Market, problems: list[Problem]) -> list[SellerHealth]:
    """`seller_health` seller by seller, each with its own problems: over the whole market at
    once it matches every problem against every seller (2,500 × 2,500 problems: ~5 s)."""
    own: dict[str, list[Problem]] = {}
    for p in problems:
        parts = p.path.split("/", 2)
        if market.single_shop:
            own.setdefault(market.seller_slugs[0], []).append(p)
        elif len(parts) > 1 and parts[0] == "sellers":
            own.setdefault(slugify(parts[1]), []).append(p)
    shops = {s.slug: s for s in market.shops}
    rows = []
    for slug in market.seller_slugs:
        one = replace(market, seller_slugs=(slug,), shops=(shops[slug],) if slug in shops else ())
        rows.extend(seller_health(one, own.get(slug, [])))
    return rows


def _steps_passed(row: SellerHealth, last: date | None, today: date, available: int) -> int:
    checks = (
        row.loaded and not row.errors,
        (row.products or 0) >= MIN_PRODUCTS,
        not row.without_photo and not row.without_price,
        last is not None and (today - last).days <= RECENT_DAYS,
        last is not None and (today - last).days <= THIS_WEEK_DAYS,
    )
    passed = 1
    for ok in checks[: available - 1]:
        if not ok:
            break
        passed += 1
    return passed


def _todo(row: SellerHealth, last: date | None, today: date, lang: str) -> list[str]:
    """What a trainer helps this seller with, in plain words, most pressing first."""
    todo = []
    if row.errors or not row.loaded:
        todo.append(render_message("report.todo.errors", {"count": max(row.errors, 1)}, lang))
    products = row.products or 0
    if row.loaded and products == 0:
        todo.append(render_message("report.todo.no_products", {"count": MIN_PRODUCTS}, lang))
    elif row.loaded and products < MIN_PRODUCTS:
        todo.append(
            render_message("report.todo.few_products", {"count": products, "more": MIN_PRODUCTS - products}, lang)
        )
    for count, code in ((row.without_photo, "report.todo.no_photo"), (row.without_price, "report.todo.no_price")):
        if count:
            todo.append(render_message(code + ("_one" if count == 1 else ""), {"count": count}, lang))
    if last is None:
        todo.append(render_message("report.todo.never_changed", {}, lang))
    elif (today - last).days > RECENT_DAYS:
        todo.append(render_message("report.todo.stale", {"date": human_date(last, today, lang)}, lang))
    if row.warnings:
        todo.append(render_message("report.todo.warnings", {"count": row.warnings}, lang))
    return todo


def _need(line: SellerLine) -> tuple:
    """Sellers who stopped earliest in the funnel first; among them, the most to do, the longest quiet."""
    return (line.steps, -line.errors, -len(line.todo), line.last_change or date.min, line.slug)


def _weekly(weeks: dict[str, frozenset[date]], today: date) -> tuple[tuple[date, int], ...]:
    """Sellers with a change in each of the last weeks (from the first week with one)."""
    this_monday = today - timedelta(days=today.weekday())
    counts: dict[date, int] = {}
    for mondays in weeks.values():
        for monday in mondays:
            counts[monday] = counts.get(monday, 0) + 1
    first = max(min(counts, default=this_monday), this_monday - timedelta(weeks=CHART_WEEKS - 1))
    span = (this_monday - first).days // 7 + 1
    return tuple((first + timedelta(weeks=i), counts.get(first + timedelta(weeks=i), 0)) for i in range(span))


def human_date(day: date, today: date, lang: str) -> str:
    """ "14 Agustus" ("14 August"), with the year when it is not this year's."""
    from babel.dates import format_date

    pattern = "d MMMM" if day.year == today.year else "d MMMM y"
    return format_date(day, pattern, locale="en" if lang == "en" else "id")


def report_data(report: FunnelReport) -> dict:
    """The stable JSON of `lapak report --json`."""
    return {
        "funnel": [{"step": step, "count": count} for step, count in report.steps],
        "sellers": [
            {
                "slug": s.slug,
                "last_change": s.last_change.isoformat() if s.last_change else None,
                "products": s.products,
                "with_photo": s.with_photo,
                "with_price": s.with_price,
                "errors": s.errors,
                "warnings": s.warnings,
                "todo": list(s.todo),
            }
            for s in report.sellers
        ],
    }
