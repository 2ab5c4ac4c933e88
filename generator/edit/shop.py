"""The editor's view of a market: which sellers exist, what one seller's products are (with
every problem the build reports for them), and the changes a seller can make.

Every path here is made from the seller's folder (found by listing `sellers/`, as the loader
does) and from names Lapak makes or finds on disk; nothing from a request becomes a path
before it is matched against what exists.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.build import build
from generator.core.errors import ContentError, LapakError, Problem
from generator.core.models import Market, Product, Shop
from generator.core.money import currency_digits, format_money
from generator.edit import files, variants
from generator.edit.files import NotEditable, ProductText, digest, write_atomic
from generator.edit.history import Conflict, History
from generator.edit.uploads import Refused, checked_jpeg, photo_names
from generator.load import loader
from generator.load.fields import LINE_LIMITS
from generator.load.keys import PHOTO_KEYS
from generator.load.markup import MAX_TEXT_CHARS
from generator.load.memo import save_pending
from generator.load.paths import PhotoIndex, unsafe_path
from generator.load.products import fallback_slug, load_product
from generator.load.readers import read_product_file
from generator.load.values import InvalidValue, parse_color, parse_price, parse_stock, slugify

log = logging.getLogger(__name__)
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")
EDITABLE_SUFFIXES = {".md": True, ".markdown": True, ".yaml": False, ".yml": False}  # suffix → Markdown
LIMITS = {
    "nama": LINE_LIMITS["name"],
    "harga": 40,
    "stok": 30,
    "kategori": LINE_LIMITS["category"],
    "deskripsi": MAX_TEXT_CHARS,
}
SHOP_FIELDS = {  # form fields of plain text; pengiriman, warna and logo are handled on their own
    "name": "nama",
    "tagline": "slogan",
    "whatsapp": "whatsapp",
    "payment": "pembayaran",
    "hours": "jam",
}
SHOP_LIMITS = {
    "nama": LINE_LIMITS["name"],
    "slogan": LINE_LIMITS["tagline"],
    "whatsapp": 40,
    "pembayaran": 1000,
    "jam": 200,
    "pengiriman": 1000,
}
# Accent colours offered as swatches. Each reads as text on the theme's background and carries
# text of its own (white or near-black, chosen by the build) at WCAG AA (4.5:1): the first row
# for light themes, the second for dark ones; the page shows those that pass on the shop's theme.
SWATCHES = (
    "#8a3b12",
    "#1f4e79",
    "#0b6e4f",
    "#a61b1b",
    "#6a1b9a",
    "#005f73",
    "#333333",
    "#f2a65a",
    "#7cc4fa",
    "#8fd694",
    "#f7a1b0",
    "#d7b8f3",
)
MIN_CONTRAST = 4.5
FORM_FIELDS = {
    "name": "nama",
    "price": "harga",
    "stock": "stok",
    "category": "kategori",
    "description": "deskripsi",
    "photos": "foto",
}


@dataclass(frozen=True)
class Seller:
    slug: str
    folder: Path
    rel: str  # "sellers/<folder>/", or "" for a single-shop folder


@dataclass
class Item:
    """One product as the seller's list shows it."""

    slug: str
    name: str
    path: Path | None  # its file, when that file holds this product alone (else not editable here)
    product: Product | None  # None when the file has an error
    problems: list[Problem] = field(default_factory=list)

    @property
    def editable(self) -> bool:
        return self.path is not None


@dataclass
class SellerView:
    seller: Seller
    shop: Shop | None
    language: str
    currency: str
    items: dict[str, Item]
    problems: list[Problem]  # those of the shop itself (shop.yaml, folders)


@dataclass
class Outcome:
    """What a save did: the product's slug, or why nothing was written."""

    slug: str = ""
    # form field ("" for the whole form) → (message code, params) of what keeps it from being saved
    problems: dict[str, list[tuple[str, dict]]] = field(default_factory=dict)
    messages: list[tuple[str, dict]] = field(default_factory=list)  # (code, params) of a refusal
    conflict: dict | None = None  # the file's values now, when it changed since the form was opened
    built: bool = False

    @property
    def ok(self) -> bool:
        return not self.messages and not any(self.problems.values()) and self.conflict is None


class Editor:
    """One market's sellers and the changes made to them (one change at a time)."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.single = (self.root / "shop.yaml").is_file()
        self.history = History(self.root)
        self.lock = threading.Lock()
        self._views: dict[str, tuple[tuple, SellerView]] = {}
        self._warm = False  # a build ran in this process: the other sellers' last state is known

    # -- finding sellers and products -------------------------------------------------------
    def sellers(self) -> dict[str, Seller]:
        if self.single:
            slug = slugify(self.root.name) or "toko"
            return {slug: Seller(slug, self.root, "")}
        found: dict[str, Seller] = {}
        base = self.root / "sellers"
        for name in sorted(os.listdir(base)) if base.is_dir() else []:
            path = base / name
            slug = slugify(name)
            if name.startswith((".", "_")) or not path.is_dir() or path.is_symlink() or not slug or slug in found:
                continue
            found[slug] = Seller(slug, path, f"sellers/{name}/")
        return found

    def seller(self, slug: str) -> Seller | None:
        return self.sellers().get(slug) if isinstance(slug, str) and SLUG.fullmatch(slug) else None

    def market_settings(self) -> Market:
        return loader.market_settings(self.root)

    def view(self, seller: Seller) -> SellerView:
        """One seller as the build loads it (kept until one of its files changes: the list page
        asks for a thumbnail per product)."""
        signature = _signature(self.root, seller.folder)
        cached = self._views.get(seller.slug)
        if cached and cached[0] == signature:
            return cached[1]
        view = self._load_view(seller)
        if len(self._views) > 64:
            self._views.clear()
        self._views[seller.slug] = (signature, view)
        return view

    def _load_view(self, seller: Seller) -> SellerView:
        """Load one seller the way the build does, keeping products with errors listed too."""
        market = self.market_settings()
        loaded = loader.load_one_seller(seller.folder, seller.rel, seller.slug, market)
        shop, products, paths, problems = loaded.shop, loaded.products, loaded.product_files, loaded.problems
        currency = shop.currency if shop else "IDR"
        per_file: dict[str, int] = {}
        for p in products:
            per_file[p.source] = per_file.get(p.source, 0) + 1
        items: dict[str, Item] = {}
        for p in products:
            path = self.root / p.source
            ok = per_file[p.source] == 1 and path.suffix.lower() in EDITABLE_SUFFIXES and self._inside(seller, path)
            items.setdefault(p.slug, Item(p.slug, p.name, path if ok else None, p))
        sources = {p.source for p in products}
        for path in map(Path, paths):
            rel = f"{seller.rel}{path.parent.name}/{path.name}"
            slug = slugify(path.stem) or fallback_slug(path.stem, "produk")
            if rel not in sources and slug not in items and path.suffix.lower() in EDITABLE_SUFFIXES:
                items[slug] = Item(slug, path.stem, path if self._inside(seller, path) else None, None)
        by_source = {str(item.path): item for item in items.values() if item.path}
        own: list[Problem] = []
        for pr in problems:
            item = by_source.get(str(self.root / pr.path)) if pr.path else None
            (item.problems if item else own).append(pr)
        lang = shop.language if shop else market.language
        return SellerView(seller, shop, lang, currency, items, own)

    def _inside(self, seller: Seller, path: Path) -> bool:
        try:
            return path.resolve().parent.parent == seller.folder.resolve() and not path.is_symlink()
        except OSError:
            return False

    def item(self, view: SellerView, slug: str) -> Item | None:
        """A product of this seller by its slug, only when it exists."""
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            return None
        return view.items.get(slug)

    # -- reading a product for the form -----------------------------------------------------
    def form_values(self, item: Item) -> tuple[dict[str, str], str]:
        """The form's values as written in the file (so nothing is reformatted), and its digest."""
        assert item.path is not None  # only editable items are read into the form
        raw = item.path.read_bytes()
        doc = files.parse(raw, EDITABLE_SUFFIXES[item.path.suffix.lower()])
        values = {
            form: _as_text(doc.value(canonical))
            for canonical, form in FORM_FIELDS.items()
            if canonical not in ("description", "photos")
        }
        in_body = doc.markdown and doc.body.strip()
        values["deskripsi"] = doc.body.strip() if in_body else _as_text(doc.value("description"))
        return values, digest(raw)

    def form_rows(self, item: Item | None) -> list[variants.Row] | None:
        """The variant rows as written (None when the file's variants hold more than rows can say)."""
        if item is None or item.path is None:
            return []
        doc = files.parse(item.path.read_bytes(), EDITABLE_SUFFIXES[item.path.suffix.lower()])
        return variants.rows_of(doc.value("variants"))

    def field_of(self, item: Item, pr: Problem) -> str:
        """The form field a problem is about ("" when none is)."""
        params = dict(pr.params)
        if params.get("field") in FORM_FIELDS:
            return FORM_FIELDS[params["field"]]
        if pr.code.startswith(("price.", "stock.", "photo")):
            return {"price": "harga", "stock": "stok"}.get(pr.code.split(".")[0], "foto")
        if item.path is None:
            return ""
        try:
            doc = files.parse(item.path.read_bytes(), EDITABLE_SUFFIXES[item.path.suffix.lower()])
        except (OSError, NotEditable, AttributeError, KeyError):
            return ""
        offset = 2 if doc.markdown else 1
        for key in doc.data:
            if doc.data.lc.key(key)[0] + offset == pr.line:
                canonical = files._ALIASES.get(files._clean(key))
                return FORM_FIELDS.get(canonical, "") if canonical is not None else ""
        return ""

    # -- changes ----------------------------------------------------------------------------
    def save(
        self,
        seller: Seller,
        slug: str | None,
        form: dict[str, str],
        photos: list[bytes],
        base: str,
        rows: list[variants.Row] | None = None,
    ) -> Outcome:
        """A new product (slug None) or a change to one; nothing is written unless all of it is good.
        `rows`: the variant rows as sent (None: the form had none, the file's variants stay)."""
        out = Outcome()
        try:
            jpegs = [checked_jpeg(data) for data in photos]
        except Refused as e:
            out.problems["foto"] = [(e.code, {})]
            return out
        with self.lock:
            view = self.view(seller)
            lang = view.language
            digits = currency_digits(view.currency)
            known = self.item(view, slug) if slug is not None else None
            if rows is not None:
                priced = [bool(r.harga) for r in rows]
            else:
                priced = [v.price is not None for v in (known.product.variants if known and known.product else ())]
            problems = _check_values(form, digits, bool(priced) and all(priced))
            if rows is not None:
                for code, params in variants.check(rows, digits, lang):
                    problems.setdefault("varian", []).append((code, params))
            if problems:
                out.problems = problems
                return out
            if slug is None:
                slug = self._new_slug(view, form["nama"])
                path = _products_dir(seller) / f"{slug}.md"
                doc = None
            else:
                item = self.item(view, slug)
                if item is None or not item.editable:
                    out.messages.append(("edit.not_found", {}))
                    return out
                assert item.path is not None  # editable
                path = item.path
                raw = path.read_bytes()
                if digest(raw) != base:
                    current, _ = self.form_values(item)
                    out.conflict = current
                    return out
                try:
                    doc = files.parse(raw, EDITABLE_SUFFIXES[path.suffix.lower()])
                except NotEditable:
                    out.messages.append(("edit.not_editable", {"file": f"{seller.rel}{path.parent.name}/{path.name}"}))
                    return out
            typed_price = form.get("harga", "").strip()
            if typed_price and priced and all(priced):
                before = _as_text(doc.value("price")).strip() if doc is not None else ""
                if typed_price != before:  # the known bug: a new product price no variant would use
                    amount = parse_price(typed_price, digits)
                    shown = typed_price if isinstance(amount, str) else format_money(amount, view.currency, lang)
                    out.problems["harga"] = [("edit.price_unused", {"price": shown})]
                    return out
            stem = path.stem if SLUG.fullmatch(path.stem) else slug
            names = photo_names(seller.folder / "photos", stem, len(jpegs))
            rel = f"{seller.rel}{path.parent.name}/{path.name}"
            try:
                text = _new_text(doc, form, names, lang, stem != path.stem, rows)
            except NotEditable:
                out.messages.append(("edit.not_editable", {"file": rel}))
                return out
            errors = _build_check(seller, path, rel, text, currency_digits(view.currency))
            if errors:
                out.problems = errors
                return out
            self._write(
                seller,
                path,
                text,
                list(zip(names, jpegs)),
                ("edit.commit_new" if doc is None else "edit.commit_change", {"name": form["nama"]}),
            )
            out.slug = slug
        return out

    # -- the shop's own details ---------------------------------------------------------------
    def shop_values(self, seller: Seller) -> tuple[dict[str, str], str]:
        """shop.yaml's editable fields as written, and its digest (NotEditable when it cannot be)."""
        raw = (seller.folder / "shop.yaml").read_bytes()
        doc = files.parse(raw, False, shop=True)
        values = {form: _as_text(doc.value(canonical)) for canonical, form in SHOP_FIELDS.items()}
        values["pengiriman"] = "\n".join(_delivery(doc.value("delivery")))
        values["warna"] = _color_or_text(files.accent(doc))
        values["logo"] = _as_text(doc.value("logo"))
        return values, digest(raw)

    def swatches(self, view: SellerView) -> list[str]:
        """The accent colours that read well on this shop's theme (see SWATCHES)."""
        background = "#ffffff"
        try:
            from generator.render.themes import resolve_theme, theme_dirs

            theme = resolve_theme(view.shop.theme if view.shop else "base", theme_dirs(str(self.root)))
            background = dict(theme.colors).get("background", background)
        except Exception:
            log.debug("theme colours not read", exc_info=True)
        return [c for c in SWATCHES if contrast(c, background) >= MIN_CONTRAST and _carries_text(c)]

    def logo_path(self, seller: Seller) -> Path | None:
        """The logo file the build uses for this shop, when it is inside the seller's folder."""
        view = self.view(seller)
        if view.shop is None or view.shop.logo is None:
            return None
        path = seller.folder / view.shop.logo.path
        try:
            path.resolve().relative_to(seller.folder.resolve())
        except (OSError, ValueError):
            return None
        return path if path.is_file() and not path.is_symlink() else None

    def save_shop(
        self,
        seller: Seller,
        form: dict[str, str],
        base: str,
        logo: bytes | None = None,
        remove_logo: bool = False,
    ) -> Outcome:
        """Change the shop's details in shop.yaml (name, tagline, WhatsApp number, payment,
        hours, delivery options, accent colour) and its logo: a new logo is written as
        `logo-N.jpg` next to shop.yaml; the one it replaces (or a removed one) goes to the
        trash, recoverable with undo."""
        out = Outcome()
        path = seller.folder / "shop.yaml"
        rel = f"{seller.rel}shop.yaml"
        color = form.get("warna", "").strip()
        if color:
            try:
                color = parse_color(color)
            except InvalidValue:
                out.problems["warna"] = [("edit.color_invalid", {"value": color[:20]})]
                return out
        jpeg = None
        if logo is not None:
            try:
                jpeg = checked_jpeg(logo)
            except Refused as e:
                out.problems["logo"] = [(e.code, {})]
                return out
        with self.lock:
            view = self.view(seller)
            raw = path.read_bytes()
            if digest(raw) != base:
                out.conflict, _ = self.shop_values(seller)
                return out
            old_logo = self.logo_path(seller) if (jpeg is not None or remove_logo) else None
            new_logo = photo_names(seller.folder, "logo", 1)[0] if jpeg is not None else None
            try:
                doc = files.parse(raw, False, shop=True)
                for canonical, name in SHOP_FIELDS.items():
                    value = form.get(name, "").replace("\r\n", "\n").strip()
                    if _as_text(doc.value(canonical)).strip() != value:
                        files.set_field(
                            doc, canonical, LiteralScalarString(value + "\n") if "\n" in value else value, view.language
                        )
                options = [" ".join(line.split()) for line in form.get("pengiriman", "").splitlines()]
                options = [o for o in options if o]
                if "pengiriman" in form and options != list(_delivery(doc.value("delivery"))):
                    files.set_field(doc, "delivery", CommentedSeq(options) if options else None, view.language)
                if "warna" in form and color != _color_or_text(files.accent(doc)):
                    files.set_accent(doc, color, view.language)
                if new_logo is not None:
                    files.set_field(doc, "logo", new_logo, view.language)
                elif remove_logo:
                    files.set_field(doc, "logo", None, view.language)
                text = doc.text()
            except NotEditable:
                out.messages.append(("edit.not_editable", {"file": rel}))
                return out
            out.problems = _shop_check(seller, rel, text, self.market_settings())
            if out.problems:
                return out
            used = {p.path for i in view.items.values() if i.product for p in i.product.photos}
            change = self.history.start(seller.slug, seller.folder)
            try:
                if new_logo is not None and jpeg is not None:
                    change.before(seller.folder / new_logo)
                    write_atomic(seller.folder / new_logo, jpeg)
                change.before(path)
                write_atomic(path, text.encode("utf-8"))
                if old_logo is not None and old_logo.relative_to(seller.folder).as_posix() not in used:
                    change.before(old_logo)  # a photo a product shows too stays where it is
                    self.history.trash(seller.slug, old_logo)
            except BaseException:
                self.history.abandon(change)
                raise
            self.history.finish(seller.slug, change, _commit_message("edit.commit_shop", {}, seller))
        return out

    def toggle_sold_out(self, seller: Seller, slug: str) -> Outcome:
        """Mark a product sold out (`stok: habis`) or available again (`stok: ada`)."""

        def change(product: Product, english: bool) -> tuple[str, str | None, str]:
            if product.sold_out:
                return "stock", "available" if english else "ada", "edit.commit_available"
            return "stock", "sold out" if english else "habis", "edit.commit_sold_out"

        return self._one_tap(seller, slug, change)

    def toggle_hidden(self, seller: Seller, slug: str) -> Outcome:
        """Hide a product from the site (`sembunyikan: ya`) or show it again (the key removed)."""

        def change(product: Product, english: bool) -> tuple[str, str | None, str]:
            if product.hidden:
                return "hidden", None, "edit.commit_shown"
            return "hidden", "yes" if english else "ya", "edit.commit_hidden"

        return self._one_tap(seller, slug, change)

    def _one_tap(
        self, seller: Seller, slug: str, change: Callable[[Product, bool], tuple[str, str | None, str]]
    ) -> Outcome:
        """One field of a product's file set (None: removed) in the file's own language, as
        `change(product, english)` says: (field, value, commit message code)."""
        out = Outcome(slug=slug)
        with self.lock:
            view = self.view(seller)
            item = self.item(view, slug)
            if item is None or not item.editable or item.product is None:
                out.messages.append(("edit.not_found", {}))
                return out
            assert item.path is not None  # editable
            try:
                doc = files.parse(item.path.read_bytes(), EDITABLE_SUFFIXES[item.path.suffix.lower()])
                field, value, code = change(item.product, doc.language(view.language) == "en")
                files.set_field(doc, field, value, view.language)
            except NotEditable:
                out.messages.append(("edit.not_editable", {"file": item.product.source}))
                return out
            self._write(seller, item.path, doc.text(), [], (code, {"name": item.product.name}))
        return out

    def photo_action(self, seller: Seller, slug: str, name: str, action: str) -> Outcome:
        """Move one of a product's photos up or down (the first is the main photo), or remove it
        (the file goes to the trash; undo brings it back). `name` must be one of the product's
        own photos, exactly as the list shows it: nothing else from the request is a path."""
        out = Outcome(slug=slug)
        with self.lock:
            view = self.view(seller)
            item = self.item(view, slug)
            if item is None or not item.editable or item.product is None:
                out.messages.append(("edit.not_found", {}))
                return out
            assert item.path is not None  # editable
            paths = [p.path for p in item.product.photos]
            if not isinstance(name, str) or unsafe_path(name) or name not in paths or action not in PHOTO_ACTIONS:
                out.messages.append(("edit.photo_unknown", {}))
                return out
            at = paths.index(name)
            order = list(range(len(paths)))
            if action == "hapus":
                del order[at]
            elif action in ("naik", "turun"):
                to = at - 1 if action == "naik" else at + 1
                if not 0 <= to < len(order):
                    return out  # already first (or last): nothing to change
                order[at], order[to] = order[to], order[at]
            rel = f"{seller.rel}{item.path.parent.name}/{item.path.name}"
            try:
                doc = files.parse(item.path.read_bytes(), EDITABLE_SUFFIXES[item.path.suffix.lower()])
                key = doc.key_for("photos")
                if key is None:
                    if action != "hapus":  # photos found by their names: the new order is written down
                        folder = PhotoIndex(seller.folder).folder + "/"
                        listed = [paths[i].removeprefix(folder) for i in order]
                        files.set_field(doc, "photos", CommentedSeq(listed), view.language)
                else:
                    written = _written_photos(doc.data[key], seller)
                    if written is None:  # one name, or names separated by commas: written as a list
                        folder = PhotoIndex(seller.folder).folder + "/"
                        listed = [paths[i].removeprefix(folder) for i in order]
                        files.set_field_always(doc, key, CommentedSeq(listed))
                    else:
                        files.reorder_list(doc, "photos", _list_order(written, paths, order), view.language)
                text = doc.text()
            except NotEditable:
                out.messages.append(("edit.not_editable", {"file": rel}))
                return out
            removed = [seller.folder / name] if action == "hapus" else []
            code = "edit.commit_photo_removed" if removed else "edit.commit_photo_moved"
            self._write(seller, item.path, text, [], (code, {"name": item.product.name}), removed)
        return out

    def delete(self, seller: Seller, slug: str) -> Outcome:
        out = Outcome(slug=slug)
        with self.lock:
            item = self.item(self.view(seller), slug)
            if item is None or not item.editable:
                out.messages.append(("edit.not_found", {}))
                return out
            assert item.path is not None  # editable
            change = self.history.start(seller.slug, seller.folder)
            change.before(item.path)
            self.history.trash(seller.slug, item.path)
            self.history.finish(seller.slug, change, _commit_message("edit.commit_delete", {"name": item.name}, seller))
        return out

    def undo(self, seller: Seller) -> tuple[str | None, str]:
        """Put the seller's last change back: (what was undone or None, "" or a refusal code)."""
        with self.lock:
            try:
                done = self.history.undo(seller.slug, seller.folder, "Batalkan / Undo: {what}")
            except Conflict:
                return None, "edit.undo_conflict"
        return done, "" if done else "edit.undo_nothing"

    def _write(
        self,
        seller: Seller,
        path: Path,
        text: str,
        photos: list[tuple[str, bytes]],
        message: tuple[str, dict],
        removed: list[Path] | None = None,
    ) -> None:
        """One change: photos first (a product never names a photo not there yet), then the file;
        a removed photo goes to the trash after the file no longer names it."""
        change = self.history.start(seller.slug, seller.folder)
        try:
            photos_dir = seller.folder / "photos"
            if photos:
                photos_dir.mkdir(exist_ok=True)
            for name, _data in photos:
                change.before(photos_dir / name)
            for gone in removed or []:
                change.before(gone)
            change.before(path)
            for name, data in photos:
                write_atomic(photos_dir / name, data)
            data = text.encode("utf-8")
            if not path.is_file() or path.read_bytes() != data:  # removing a photo found by name changes no text
                write_atomic(path, data)
            for gone in removed or []:
                self.history.trash(seller.slug, gone)
        except BaseException:
            self.history.abandon(change)
            raise
        self.history.finish(seller.slug, change, _commit_message(*message, seller))

    def _new_slug(self, view: SellerView, name: str) -> str:
        base = slugify(name) or fallback_slug(name, "produk")
        taken = set(view.items) | loader.RESERVED_SLUGS
        folder = _products_dir(view.seller)
        slug, n = base, 2
        while slug in taken or any((folder / f"{slug}{s}").exists() for s in EDITABLE_SUFFIXES):
            slug, n = f"{base[:75]}-{n}", n + 1
        return slug

    def rebuild(self, seller: Seller) -> list[Problem]:
        """Rebuild this seller's pages (the usual incremental build); the problems it reports.
        In a market the market's own pages (shop lists, category pages, the search) are left
        for `market_pages`, which the app runs right after answering the seller: at 2,500
        sellers they take longer than the seller's own pages."""
        changed = None
        if self._warm and not self.single:
            # What the preview server passes after an edit: only this seller is looked at again
            # (every one of its files, so a change made by hand meanwhile is read too); the
            # others stand as this process last saw them built.
            changed = {str(seller.folder)} | {
                os.path.join(d, n) for d, _, names in os.walk(seller.folder) for n in names
            }
        try:
            result = build(self.root, only=seller.slug, changed=changed, market_pages=self.single)
            self._warm = True
            save_pending()  # the product memos a `changed` build leaves for later (see loader)
        except LapakError as e:
            problem = getattr(e, "problem", None)
            return [problem] if problem else []
        return [p for p in result.problems if p.is_error]

    def market_pages(self) -> bool:
        """The market's own pages brought up to date with the shops as built (no seller is read
        again: what `rebuild` left for later); whether any file changed."""
        if self.single:
            return False
        try:
            result = build(self.root, changed=set() if self._warm else None)
            save_pending()
        except LapakError as e:
            log.warning("market pages not rebuilt: %s", e)
            return False
        return bool(result.written)

    def output(self) -> Path:
        return self.root / "output"

    def live_path(self, seller: Seller, slug: str) -> str:
        prefix = "" if self.single else f"{seller.slug}/"
        return f"{prefix}{slug}.html"


PHOTO_ACTIONS = ("naik", "turun", "hapus")


def _written_photos(value, seller: Seller) -> list[str | None] | None:
    """The photo each item of a written photo list names (its path under the seller's folder,
    None when it names none), or None when the photos are not written as a list."""
    if not isinstance(value, list):
        return None
    index = PhotoIndex(seller.folder)
    found: list[str | None] = []
    for item in value:
        written = item
        if isinstance(item, dict):
            written = next((v for k, v in item.items() if files._clean(k) in _PHOTO_FILE_KEYS), None)
        name = index.find(written.strip()) if isinstance(written, str) and not unsafe_path(written.strip()) else None
        found.append(index.rel(name) if name else None)
    return found


_PHOTO_FILE_KEYS = {"file", *PHOTO_KEYS["file"]}


def _list_order(written: list[str | None], paths: list[str], order: list[int]) -> list[int]:
    """The written list's items in the new order of the product's photos; an item naming no
    photo (a missing file) stays where it was counted from the end; one naming a removed photo goes."""
    by_photo: dict[str, list[int]] = {}
    for i, path in enumerate(written):
        if path is not None:
            by_photo.setdefault(path, []).append(i)
    kept = [i for n in order for i in by_photo.get(paths[n], [])]
    return kept + [i for i, path in enumerate(written) if path is None]


def _signature(root: Path, folder: Path) -> tuple:
    """Names, sizes and times of everything a seller's view is read from."""
    found = []
    for path in (root / "lapak.yaml", folder / "shop.yaml"):
        try:
            st = path.stat()
            found.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            pass
    for sub in (*loader.PRODUCT_FOLDERS, "photos"):
        try:
            with os.scandir(folder / sub) as listing:
                for entry in listing:
                    st = entry.stat()
                    found.append((entry.path, st.st_size, st.st_mtime_ns))
        except OSError:
            pass
    return tuple(sorted(found))


def _products_dir(seller: Seller) -> Path:
    folder = next((seller.folder / n for n in loader.PRODUCT_FOLDERS if (seller.folder / n).is_dir()), None)
    if folder is None:
        folder = seller.folder / "products"
        folder.mkdir()
    return folder


def _delivery(value) -> tuple[str, ...]:
    """The delivery options as the build reads them: a list, or one text split on commas and lines."""
    if isinstance(value, list):
        return tuple(" ".join(str(v).split()) for v in value if v is not None and str(v).strip())
    if value is None or isinstance(value, dict):
        return ()
    return tuple(" ".join(p.split()) for p in str(value).replace("\n", ",").split(",") if p.strip())


def _color_or_text(text: str) -> str:
    """A colour as the build reads it (`1F4E79` → `#1f4e79`), or the text as written."""
    try:
        return parse_color(text) if text.strip() else ""
    except InvalidValue:
        return text.strip()


def _luminance(color: str) -> float:
    h = color.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    lin = [
        (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        for c in (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    ]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two `#rrggbb` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _carries_text(color: str) -> bool:
    """White or near-black text (what the build puts on an accent) reads on it at AA."""
    return max(contrast(color, "#ffffff"), contrast(color, "#1a1208")) >= MIN_CONTRAST


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return str(value) if not isinstance(value, (list, dict)) else ""


def _check_values(
    form: dict[str, str], digits: int, variants_priced: bool = False
) -> dict[str, list[tuple[str, dict]]]:
    """The build's forgiving readers run on the typed price and stock, before anything is written."""
    problems: dict[str, list[tuple[str, dict]]] = {}
    if not form.get("nama", "").strip():
        problems["nama"] = [("field.missing", {"field": "name"})]
    readers = (("harga", "price", lambda t: parse_price(t, digits)), ("stok", "stock", parse_stock))
    for name, canonical, parse in readers:
        text = form.get(name, "").strip()
        if text:
            try:
                parse(text)
            except InvalidValue as e:
                problems[name] = [(e.code, {"field": canonical, **e.params})]
    if not form.get("harga", "").strip() and not variants_priced:  # every variant priced: no price needed
        problems["harga"] = [("price.missing", {})]
    return problems


def _typed(text: str):
    """A number as a number (`25000`), anything else as the text typed (`25rb`, `Rp 25.000`)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 14 and text[0] != "0" else text


def _new_text(
    doc: ProductText | None,
    form: dict[str, str],
    names: list[str],
    lang: str,
    list_photos: bool,
    rows: list[variants.Row] | None = None,
) -> str:
    values = {
        "name": form["nama"].strip(),
        "price": _typed(form["harga"]),
        "stock": _typed(form.get("stok", "")),
        "category": form.get("kategori", "").strip(),
    }
    if doc is None:
        if rows:
            values["variants"] = variants.written(None, rows, lang)
        if list_photos and names:
            values["photos"] = names
        return files.new_product(values, form.get("deskripsi", ""), lang)
    for canonical, value in values.items():
        if _as_text(doc.value(canonical)).strip() != str(value).strip():
            files.set_field(doc, canonical, value, lang)
    current = variants.rows_of(doc.value("variants"))
    if rows is not None and current is not None and current != rows:  # None: more than rows can say, kept
        key = doc.key_for("variants")
        value = variants.written(doc.value("variants"), rows, doc.language(lang))
        if key is not None and value is not None:
            files.set_field_always(doc, key, value)
        else:
            files.set_field(doc, "variants", value, lang)
    old = doc.body.strip() if doc.markdown and doc.body.strip() else _as_text(doc.value("description")).strip()
    if old != form.get("deskripsi", "").replace("\r\n", "\n").strip():
        files.set_description(doc, form.get("deskripsi", ""), lang)
    if doc.key_for("photos") is not None:
        files.add_photos(doc, names, lang)
    elif list_photos and names:
        files.set_field(doc, "photos", names, lang)
    return doc.text()


def _build_check(seller: Seller, path: Path, rel: str, text: str, digits: int) -> dict[str, list[tuple[str, dict]]]:
    """The new text read by the build's own reader: its errors, by form field (nothing written yet)."""
    try:
        entries = read_product_file(path, rel, text.encode("utf-8"))
    except ContentError as e:
        return {"": [(e.problem.code, dict(e.problem.params))]}
    found: dict[str, list[tuple[str, dict]]] = {}
    for entry in entries:
        _, problems = load_product(entry, rel, PhotoIndex(seller.folder), [], digits)
        for pr in problems:
            if pr.is_error:
                name = FORM_FIELDS.get(dict(pr.params).get("field", ""), "")
                found.setdefault(name, []).append((pr.code, dict(pr.params)))
    return found


def _shop_check(seller: Seller, rel: str, text: str, market: Market) -> dict[str, list[tuple[str, dict]]]:
    """The new shop.yaml read the way the loader reads it (nothing written yet): its errors by field."""
    found: dict[str, list[tuple[str, dict]]] = {}
    for pr in loader.check_shop_text(seller.folder, seller.rel, seller.slug, text, market):
        if pr.is_error:
            canonical = str(dict(pr.params).get("field", "")).split(".")[0]
            name = {**SHOP_FIELDS, "delivery": "pengiriman", "colors": "warna", "logo": "logo"}.get(canonical, "")
            found.setdefault(name, []).append((pr.code, dict(pr.params)))
    return found


def _commit_message(code: str, params: dict, seller: Seller) -> str:
    from generator.core.messages import render_message

    return render_message(code, params, "id")
