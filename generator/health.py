"""Per-seller health for trainers: who has no photos, no prices, problems to fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from generator.core.errors import Problem
from generator.core.models import Market
from generator.load.changes import seller_changes
from generator.load.values import slugify
from generator.output.incremental import Health, shop_health

COLUMNS = {
    "id": ("toko", "produk", "foto", "tanpa foto", "tanpa harga", "habis", "peringatan", "galat"),
    "en": ("shop", "products", "photos", "no photo", "no price", "sold out", "warnings", "errors"),
}
LAST_CHANGE_COLUMN = {"id": "perubahan terakhir", "en": "last change"}


@dataclass(frozen=True)
class SellerHealth:
    slug: str
    loaded: bool  # its files could be read (else the counts are None)
    products: int | None
    photos: int | None
    without_photo: int | None
    without_price: int | None
    sold_out: int | None
    warnings: int
    errors: int


def seller_health(
    market: Market, problems: list[Problem], recalled: dict[str, Health] | None = None
) -> list[SellerHealth]:
    """One row per seller folder, including sellers that could not be loaded; `recalled`: the
    counts of sellers not loaded again, as the last build or check found them."""
    shops = {s.slug: s for s in market.shops}
    recalled = recalled or {}
    own_problems: dict[str, list[Problem]] = {}
    for p in problems:  # grouped once: a market of 2,500 sellers has thousands of problems
        owner = _owner(p, market)
        if owner is not None:
            own_problems.setdefault(owner, []).append(p)
    rows = []
    for slug in market.seller_slugs:
        own = own_problems.get(_ALL if market.single_shop else slug, [])
        shop = shops.get(slug)
        known = shop_health(shop).counts if shop else recalled[slug].counts if slug in recalled else None
        counts: tuple[int | None, int | None, int | None, int | None, int | None] = known or (None,) * 5
        rows.append(
            SellerHealth(
                slug,
                known is not None,
                *counts,
                warnings=sum(p.is_warning for p in own),
                errors=sum(p.is_error for p in own),
            )
        )
    return rows


_ALL = "\0all"  # a single shop owns every problem


def _owner(p: Problem, market: Market) -> str | None:
    if market.single_shop:
        return _ALL
    return slugify(p.path.split("/")[1]) if p.path.startswith("sellers/") else None


def last_changes(root: Path, market: Market) -> dict[str, date | None]:
    """Each seller's last change (git history of the market when there is one, else file times)."""
    return seller_changes(root, market).last


def health_table(rows: list[SellerHealth], lang: str = "id", last_change: dict[str, date | None] | None = None) -> str:
    """A plain-text table, sellers needing help first (errors, then products without photos);
    with `last_change`, a column of each seller's last change after the shop's name."""
    header = list(COLUMNS.get(lang, COLUMNS["id"]))
    ordered = sorted(rows, key=lambda r: (-r.errors, -(r.without_photo or 0), -r.warnings, r.slug))
    body = [
        [r.slug]
        + ["-" if v is None else str(v) for v in (r.products, r.photos, r.without_photo, r.without_price, r.sold_out)]
        + [str(r.warnings), str(r.errors)]
        for r in ordered
    ]
    if last_change is not None:
        header.insert(1, LAST_CHANGE_COLUMN.get(lang, LAST_CHANGE_COLUMN["id"]))
        for r, row in zip(ordered, body):
            day = last_change.get(r.slug)
            row.insert(1, day.isoformat() if day else "-")
    widths = [max(len(row[i]) for row in [list(header)] + body) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in [list(header)] + body
    ]
    return "\n".join(line.rstrip() for line in lines)


def health_json(rows: list[SellerHealth], last_change: dict[str, date | None] | None = None) -> list[dict]:
    """One object per seller: "ok" is true when the seller has no errors (`lapak build` would
    build its shop), then the same counts as the table (null when its files could not be read),
    and with `last_change` its day as "YYYY-MM-DD" (null when unknown)."""
    out = []
    for r in rows:
        row = asdict(r)
        del row["loaded"]
        if last_change is not None:
            day = last_change.get(r.slug)
            row["last_change"] = day.isoformat() if day else None
        out.append({"slug": r.slug, "ok": r.loaded and not r.errors} | row)
    return out


def health_summary(rows: list[SellerHealth]) -> dict:
    """What `lapak check` looked at: every seller folder, its products, how many have errors."""
    return {
        "shops": len(rows),
        "products": sum(r.products or 0 for r in rows),
        "shops_with_errors": sum(1 for r in rows if r.errors or not r.loaded),
    }
